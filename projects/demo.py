"""Demo content for completing (who chose to stay in touch, an update and some thank-yous)
and for taking part (what helps two members, one told only to the facilitators); a member
on a break; and a
second, small project that shows "Leave this page quickly" on every page.

Listed in ``sharing.demo.PARTS``, which ``manage.py demo`` runs on its demo project.
The update is saved without emailing it: in the demo it has already gone out.
"""

from datetime import timedelta

from django.utils import timezone

from projects.models import Membership, Project, Update

from . import services
from .activity import record_activity
from .breaks import services as breaks
from .completing import services as completing
from .taking_part import services as taking_part


def extend(project: Project, users: dict) -> None:
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    choices = {amina: (True, True), jo: (True, False), priya: (False, False)}
    for person, (stay, keep) in choices.items():
        completing.membership_set_contact_choices(
            membership=Membership.objects.get(project=project, user=person),
            stay_in_touch=stay,
            keep_details=keep,
        )
    title = "The drop-in opens on Saturdays from next month"
    Update.objects.create(
        project=project,
        author=sam,
        title=title,
        body=(
            "Thank you all. The council agreed to the Saturday opening we asked for, "
            "and the welcome desk will be run by two of the regulars."
        ),
    )
    record_activity(project=project, actor=sam, kind="update_posted", detail=title)
    for sender, to_user, message in [
        (jo, priya, "Thank you for the idea of the welcome desk. It made all the difference."),
        (amina, None, "Thanks, everyone, for listening so well."),
    ]:
        completing.thanks_add(project=project, sender=sender, to_user=to_user, message=message)
    # A facilitator's own words on one member's certificate of contribution.
    Membership.objects.filter(project=project, user=jo).update(
        certificate_line="Jo made sure every meeting started with a proper welcome."
    )
    # Amina tells only the facilitators; Jo shares with the whole group.
    taking_part.taking_part_save(
        membership=Membership.objects.get(project=project, user=amina),
        needs={"step_free", "breaks", "papers_in_advance"},
        other_needs="Afternoons are better for me: mornings are hard with my medication.",
        ways={"one_to_one", "in_writing"},
        words_on_behalf=True,
        visibility="facilitators",
    )
    taking_part.taking_part_save(
        membership=Membership.objects.get(project=project, user=jo),
        needs={"large_print", "hearing_loop"},
        other_needs="",
        ways={"in_meeting", "by_phone"},
        words_on_behalf=False,
        visibility="group",
    )
    # Priya is taking a break for a few weeks, with no emails until she is back.
    breaks.break_take(
        membership=Membership.objects.get(project=project, user=priya),
        until=timezone.localdate() + timedelta(weeks=3),
        emails=Membership.BreakEmails.NOTHING,
    )
    quick_exit_project(users)


def quick_exit_project(users: dict) -> Project:
    """A peer-support group that talks about hard things: its pages have the quick exit."""
    circle = services.project_create(
        creator=users["Sam"],
        name="Peer support circle",
        purpose="A safe place to talk about recovery and to plan the support we want.",
        quick_exit=True,
    )
    Membership.objects.create(project=circle, user=users["Amina"])
    return circle
