"""Meetings' part of the whole-project file: each meeting, its times, answers and who came.

It holds what every member can see on a meeting's page: the times offered and everyone's
answers and notes, the chosen time, where and how, who is coming in person or online,
and the thoughts left for the meeting (anonymous ones name nobody). Left out, as private
to each person: who said "not this time" (the page shows only how many), the choice to
get meeting emails, and the record of emails sent. A file from before meetings imports
with none.
"""

from django.db.models import Prefetch

from projects.models import Project
from projects.parts import BadFile, People, Reader, iso

from .models import (
    ANSWER_NOTE_LIMIT,
    DETAIL_LIMIT,
    NOTE_LIMIT,
    THOUGHTS_LIMIT,
    TITLE_LIMIT,
    Answer,
    AnswerNote,
    Attendance,
    Fact,
    Meeting,
    MeetingOption,
    Thoughts,
)

TEXT_FIELDS = [
    "address",
    "directions",
    "food_and_drink",
    "arrival_contact",
    "phone_join",
    "what_to_expect",
]
FACT_FIELDS = ["step_free", "accessible_toilet", "hearing_loop", "quiet_room", "cameras_optional"]
FACTS = ["", *Fact.values]
SHOWN = [Attendance.Status.IN_PERSON, Attendance.Status.ONLINE]

# -- export --------------------------------------------------------------------------


def export(project: Project, people: People) -> dict:
    meetings = (
        Meeting.objects.filter(project=project)
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch(
                "options",
                MeetingOption.objects.order_by("starts_at", "pk").prefetch_related(
                    Prefetch("answers", Answer.objects.order_by("user_id"))
                ),
            ),
            Prefetch("answer_notes", AnswerNote.objects.order_by("user_id")),
            Prefetch(
                "attendances", Attendance.objects.filter(status__in=SHOWN).order_by("user_id")
            ),
            Prefetch("thoughts", Thoughts.objects.order_by("created_at", "pk")),
        )
    )
    return {"meetings": [_export_meeting(m, people) for m in meetings]}


def _export_meeting(meeting: Meeting, people: People) -> dict:
    options = list(meeting.options.all())
    chosen = next((n for n, o in enumerate(options) if o.pk == meeting.chosen_id), None)
    return {
        "title": meeting.title,
        "note": meeting.note,
        "proposed_by": people.ref(meeting.proposed_by_id),
        "created_at": iso(meeting.created_at),
        "in_person": meeting.in_person,
        "online": meeting.online,
        "link": meeting.link,
        **{name: getattr(meeting, name) for name in TEXT_FIELDS + FACT_FIELDS},
        "times": [
            {
                "starts_at": iso(o.starts_at),
                "ends_at": iso(o.ends_at),
                "answers": [
                    {"person": people.ref(a.user_id), "answer": a.value} for a in o.answers.all()
                ],
            }
            for o in options
        ],
        # The place in "times" of the time chosen; null while the group is finding one.
        "chosen": chosen,
        "chosen_by": people.ref(meeting.chosen_by_id),
        "chosen_at": iso(meeting.chosen_at),
        "answer_notes": [
            {"person": people.ref(n.user_id), "note": n.text} for n in meeting.answer_notes.all()
        ],
        "coming": [
            {"person": people.ref(a.user_id), "how": a.status} for a in meeting.attendances.all()
        ],
        "thoughts": [
            {
                "author": people.ref(t.author_id),
                "anonymous": t.is_anonymous,
                "text": t.text,
                "created_at": iso(t.created_at),
            }
            for t in meeting.thoughts.all()
        ],
    }


# -- import --------------------------------------------------------------------------


def import_(project: Project, data: Reader, people: People) -> None:
    if "meetings" not in data.data:
        return
    for item in data.objects("meetings"):
        _import_meeting(project, item, people)


def _import_meeting(project: Project, item: Reader, people: People) -> None:
    link = item.text("link", limit=500)
    if link and not link.lower().startswith(("https://", "http://")):
        raise BadFile(f"{item.path_of('link')} should be a web address starting with https://.")
    meeting = Meeting.objects.create(
        project=project,
        title=item.text("title", blank=False, limit=TITLE_LIMIT),
        note=item.text("note", limit=NOTE_LIMIT),
        proposed_by=people.user(item, "proposed_by"),
        created_at=item.when("created_at"),
        in_person=item.boolean("in_person"),
        online=item.boolean("online"),
        link=link,
        **{name: item.text(name, limit=DETAIL_LIMIT) for name in TEXT_FIELDS},
        **{name: item.choice(name, FACTS) for name in FACT_FIELDS},
    )
    options = []
    for entry in item.objects("times"):
        starts_at, ends_at = entry.when("starts_at"), entry.when("ends_at")
        if ends_at <= starts_at:
            raise BadFile(f"{entry.path_of('ends_at')}: a time must end after it starts.")
        option = MeetingOption.objects.create(meeting=meeting, starts_at=starts_at, ends_at=ends_at)
        options.append(option)
        _unique_people(entry, "answers", people)
        Answer.objects.bulk_create(
            Answer(
                option=option,
                user=people.user(answer, "person"),
                value=answer.choice("answer", Answer.Value.values, what="answer"),
            )
            for answer in entry.objects("answers")
        )
    chosen = item.integer("chosen", null=True, high=max(len(options) - 1, 0))
    if chosen is not None:
        if not options:
            raise BadFile(f"{item.path_of('chosen')}: this meeting has no times to choose from.")
        Meeting.objects.filter(pk=meeting.pk).update(
            chosen=options[chosen],
            chosen_by=people.user(item, "chosen_by"),
            chosen_at=item.when("chosen_at"),
            sequence=1,
        )
    _unique_people(item, "answer_notes", people)
    AnswerNote.objects.bulk_create(
        AnswerNote(
            meeting=meeting,
            user=people.user(n, "person"),
            text=n.text("note", blank=False, limit=ANSWER_NOTE_LIMIT),
        )
        for n in item.objects("answer_notes")
    )
    _unique_people(item, "coming", people)
    if chosen is None and item.objects("coming"):
        raise BadFile(f"{item.path_of('coming')}: nobody can be coming before a time is chosen.")
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, user=people.user(a, "person"), status=a.choice("how", SHOWN))
        for a in item.objects("coming")
    )
    for t in item.objects("thoughts"):
        anonymous = t.boolean("anonymous")
        author = people.user(t, "author")
        if anonymous and author is not None:
            raise BadFile(f"{t.path_of('author')}: anonymous thoughts can't have an author.")
        Thoughts.objects.create(
            meeting=meeting,
            author=author,
            is_anonymous=anonymous,
            text=t.text("text", blank=False, limit=THOUGHTS_LIMIT),
            created_at=t.when("created_at"),
        )


def _unique_people(reader: Reader, key: str, people: People) -> None:
    seen = set()
    for entry in reader.objects(key):
        user = people.user(entry, "person")
        if user is None:
            raise BadFile(f"{entry.path_of('person')} should name someone.")
        if user.pk in seen:
            raise BadFile(f"{entry.path_of('person')}: this person is in the list twice.")
        seen.add(user.pk)
