"""Demo content for after meetings: the past meeting ended, with notes, two check-outs and
the group's support contacts. Listed in ``sharing.demo.PARTS`` after the meetings' part."""

from projects.models import Project

from .. import services as meeting_services
from ..models import Meeting, MeetingNotes
from . import services


def extend(project: Project, users: dict) -> None:
    sam, amina, jo = (users[n] for n in ("Sam", "Amina", "Jo"))
    for name, reach, offer in [
        ("Samaritans", "116 123", "Someone to talk to outside the project, day or night, free."),
        (
            "Drop-in wellbeing worker (Dee)",
            "07700 900456",
            "Weekdays 10 to 4, for a chat after a meeting.",
        ),
    ]:
        services.support_contact_add(
            project=project, actor=sam, name=name, reach=reach, offer=offer
        )
    past = (
        Meeting.objects.filter(project=project, chosen__isnull=False)
        .select_related("chosen")
        .order_by("chosen__starts_at")
        .first()
    )
    if past is None:
        return
    meeting_services.meeting_end(meeting=past, actor=sam)
    # It ended when it was over, a month ago.
    Meeting.objects.filter(pk=past.pk).update(ended_at=past.chosen.ends_at)
    past.refresh_from_db()
    past.project = project
    first = services.meeting_notes_save(
        meeting=past,
        item=MeetingNotes(meeting=past, version=0),
        editor=amina,
        base_version=0,
        text="We walked through a first visit. The sign by the door is hard to read.",
    )
    services.meeting_notes_save(
        meeting=past,
        item=first,
        editor=jo,
        base_version=first.version,
        text=(
            "We walked through a first visit. The sign by the door is hard to read from the "
            "street (Priya said so too).\n\nDecided: Sam asks the council for a bigger sign; "
            "Amina writes the words for it."
        ),
    )
    services.check_out_save(
        meeting=past,
        member=amina,
        feeling="talk",
        words="It brought back my first visit.",
        share_name=True,
    )
    services.check_out_save(meeting=past, member=jo, feeling="tired", words="", share_name=False)
