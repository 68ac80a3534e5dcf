"""What decisions hold about one person, and how they let go of someone deleting their account.

Anonymous responses store no author, so they are not the person's data and stay; the keys
that stop anyone answering an anonymous proposal twice can't be linked to the person
without the site's secret, and go with the person's named data when they ask.
"""

from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import User
from projects.on_behalf.services import trace
from projects.parts import Blocker

from .models import Decision, DecisionRevision, HowWeDecideAgreement, Proposal, Response


def personal_data(user: User) -> dict:
    """The person's proposals, named responses and agreements: three queries."""
    proposals = Proposal.objects.filter(author=user).select_related("project")
    responses = Response.objects.filter(author=user).select_related(
        "proposal__project", "option", "added_by"
    )
    agreed = HowWeDecideAgreement.objects.filter(user=user).select_related("how__project")
    return {
        "proposals": [
            {"project": p.project.name, "title": p.title, "reason": p.reason} for p in proposals
        ],
        "proposal_responses": [
            {
                "project": r.proposal.project.name,
                "proposal": r.proposal.title,
                "answer": r.answer or (r.option.label if r.option else ""),
                "reason": r.reason,
                **trace(r),
            }
            for r in responses
        ],
        "how_we_decide_agreements": [
            {"project": a.how.project.name, "version": a.version} for a in agreed
        ],
    }


def words_added_for(user: User) -> list[dict]:
    """Responses someone else added for the person, in one query however many."""
    responses = (
        Response.objects.filter(author=user)
        .exclude(given_via="")
        .select_related("proposal__project", "option", "added_by")
    )
    return [
        {
            "what": gettext("Your response to “%(title)s”") % {"title": r.proposal.title},
            "project": r.proposal.project.name,
            "text": " ".join(
                part
                for part in (r.get_answer_display(), r.option.label if r.option else "", r.reason)
                if part
            ),
            "given": r.given_line(),
            "when": r.created_at,
            "url": reverse("proposals:proposal", args=[r.proposal.project_id, r.proposal_id]),
            "action": gettext("Change it on the proposal’s page while it is open"),
        }
        for r in responses
    ]


def blockers(user: User) -> list[Blocker]:
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, delete the person's named responses; proposals and the log stay (as
    the group's record), without their name."""
    if remove:
        Response.objects.filter(author=user).delete()
    HowWeDecideAgreement.objects.filter(user=user).delete()
    Proposal.objects.filter(author=user).update(author=None)
    Proposal.objects.filter(closed_by=user).update(closed_by=None)
    Decision.objects.filter(created_by=user).update(created_by=None)
    DecisionRevision.objects.filter(edited_by=user).update(edited_by=None)
