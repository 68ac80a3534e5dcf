from django.urls import include, path

from accounts.reauth.views import email_addresses

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # allauth's page of email addresses, at its own address and name, asking first (for a
    # change) whether it is really the person: allauth asks only those with a password.
    path("accounts/email/", email_addresses, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.reauth.urls")),
    path("account/", include("accounts.urls")),
    path("account/", include("accounts.live.urls")),
    path("account/", include("accounts.language.urls")),
    path("", include("projects.urls")),
    # The project's features, each with its own URL namespace.
    path("", include("projects.invitations.urls")),
    path("", include("projects.rules.urls")),
    path("", include("projects.completing.urls")),
    path("", include("projects.taking_part.urls")),
    path("", include("projects.breaks.urls")),
    path("", include("words.urls")),
    path("", include("projects.setting_aside.urls")),
    path("", include("projects.answers.urls")),
    path("", include("marks.urls")),
    path("", include("marks.scoring.urls")),
    path("", include("marks.actions.urls")),
    path("", include("checkins.urls")),
    path("", include("lake.urls")),
    path("", include("decisions.proposals.urls")),
    path("", include("decisions.log.urls")),
    path("", include("decisions.how.urls")),
    path("", include("meetings.planning.urls")),
    path("", include("meetings.after.urls")),
    path("", include("meetings.agenda.urls")),
    path("", include("meetings.screen.urls")),
    path("", include("payments.terms.urls")),
    path("", include("payments.claims.urls")),
    path("", include("payments.handling.urls")),
    path("", include("payments.invoices.urls")),
    path("", include("sharing.report.urls")),
    path("", include("sharing.certificates.urls")),
    path("", include("sharing.portability.urls")),
    path("account/", include("sharing.people.urls")),
]
