"""What meetings hold about one person, and how they let go of someone deleting their account.

Listed in ``sharing.people.services.PARTS``. Thoughts left anonymously store no author,
so they are not the person's to download or take away.
"""

from accounts.models import User
from projects.parts import Blocker

from .models import Answer, AnswerNote, Attendance, Delivery, EmailChoice, Meeting, Thoughts


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Five queries, however many meetings."""
    answers = Answer.objects.filter(user=user).select_related("option__meeting__project")
    notes = AnswerNote.objects.filter(user=user).select_related("meeting__project")
    attendance = Attendance.objects.filter(user=user).select_related(
        "meeting__project", "meeting__chosen"
    )
    thoughts = Thoughts.objects.filter(author=user).select_related("meeting__project")
    choices = EmailChoice.objects.filter(user=user).select_related("project")
    return {
        "meeting_answers": [
            {
                "project": a.option.meeting.project.name,
                "meeting": a.option.meeting.title,
                "time_starts": _when(a.option.starts_at),
                "time_ends": _when(a.option.ends_at),
                "answer": str(Answer.Value(a.value).label),
                "answered_at": _when(a.answered_at),
            }
            for a in answers
        ],
        "meeting_answer_notes": [
            {"project": n.meeting.project.name, "meeting": n.meeting.title, "note": n.text}
            for n in notes
        ],
        "meeting_attendance": [
            {
                "project": a.meeting.project.name,
                "meeting": a.meeting.title,
                "starts": _when(a.meeting.chosen.starts_at) if a.meeting.chosen else None,
                "coming": str(Attendance.Status(a.status).label),
                "said_at": _when(a.updated_at),
            }
            for a in attendance
        ],
        "meeting_thoughts": [
            {
                "project": t.meeting.project.name,
                "meeting": t.meeting.title,
                "thoughts": t.text,
                "written_at": _when(t.created_at),
            }
            for t in thoughts
        ],
        "meeting_emails": [
            {"project": c.project.name, "email_me_about_meetings": c.email} for c in choices
        ],
    }


def blockers(user: User) -> list[Blocker]:
    """Nothing in meetings needs a choice first."""
    return []


def forget(user: User, remove: bool) -> None:
    """Always drop the person's email choices and the record of emails sent to their address.

    Their answers and attendance stay counted, shown as "A former member", unless they ask
    for their words to be removed: then their answers, notes, attendance and named thoughts go.
    """
    EmailChoice.objects.filter(user=user).delete()
    Delivery.objects.filter(user=user).delete()
    if not remove:
        return
    Answer.objects.filter(user=user).delete()
    AnswerNote.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    Thoughts.objects.filter(author=user).delete()
    Meeting.objects.filter(proposed_by=user).update(proposed_by=None)
    Meeting.objects.filter(chosen_by=user).update(chosen_by=None)
