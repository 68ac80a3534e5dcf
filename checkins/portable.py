"""Check-ins' part of the whole-project file: each check-in, and its answers once closed.

A check-in's answers are there only once it has closed, as in the app; an anonymous
answer names nobody.
"""

from django.db.models import Prefetch

from projects.models import Project
from projects.on_behalf.portable import export_trace, import_trace
from projects.parts import BadFile, People, Reader, iso

from .models import CHECKIN_ANSWER_LIMIT, CheckIn, CheckInAnswer, CheckInResponse
from .services import QUESTION_KEYS, QUESTIONS

# -- export --------------------------------------------------------------------------


def export(project: Project, people: People) -> dict:
    checkins = (
        CheckIn.objects.filter(project=project)
        .order_by("started_at", "pk")
        .prefetch_related(
            Prefetch(
                "responses",
                CheckInResponse.objects.order_by("created_at", "pk").prefetch_related(
                    Prefetch("answers", CheckInAnswer.objects.visible().order_by("pk"))
                ),
            )
        )
    )
    return {
        # The questions' words, for a person reading the file; the import reads only the keys.
        "checkin_questions": {key: str(text) for key, text in QUESTIONS},
        "checkins": [_export_checkin(checkin, people) for checkin in checkins],
    }


def _export_checkin(checkin: CheckIn, people: People) -> dict:
    exported = {
        "started_by": people.ref(checkin.started_by_id),
        "started_at": iso(checkin.started_at),
        "closed_by": people.ref(checkin.closed_by_id),
        "closed_at": iso(checkin.closed_at),
        # Answers stay private while the check-in is open.
        "responses": None,
    }
    if checkin.is_open:
        return exported
    responses = []
    for response in checkin.responses.all():
        answers = {answer.question: answer.text for answer in response.answers.all()}
        responses.append(
            {
                "author": people.ref(response.author_id),
                "anonymous": response.is_anonymous,
                **export_trace(response, people),
                "created_at": iso(response.created_at),
                "answers": {key: answers[key] for key in QUESTION_KEYS if key in answers},
            }
        )
    exported["responses"] = responses
    return exported


# -- import --------------------------------------------------------------------------


def import_(project: Project, data: Reader, people: People) -> None:
    for item in data.objects("checkins"):
        _import_checkin(project, item, people)


def _import_checkin(project: Project, item: Reader, people: People) -> None:
    closed_at = item.when("closed_at", null=True)
    checkin = CheckIn.objects.create(
        project=project,
        started_by=people.user(item, "started_by"),
        started_at=item.when("started_at"),
        closed_by=people.user(item, "closed_by"),
        closed_at=closed_at,
    )
    if closed_at is None:
        if item.data.get("responses") is not None:
            raise BadFile(
                f"{item.path_of('responses')}: an open check-in's answers are private and "
                "can't be in the file."
            )
        return
    authors = set()
    for entry in item.objects("responses"):
        anonymous = entry.boolean("anonymous")
        author = people.user(entry, "author")
        if anonymous and author is not None:
            raise BadFile(f"{entry.path_of('author')}: an anonymous answer can't have an author.")
        if author is not None:
            if author.pk in authors:
                raise BadFile(f"{entry.path_of('author')}: this person answered twice.")
            authors.add(author.pk)
        response = CheckInResponse.objects.create(
            checkin=checkin,
            author=author,
            is_anonymous=anonymous,
            created_at=entry.when("created_at"),
            **import_trace(entry, people, anonymous=anonymous),
        )
        answers = entry.object("answers")
        for key in answers.data:
            if key not in QUESTION_KEYS:
                raise BadFile(f'{answers.path_of(key)}: "{key}" is not one of the questions.')
        CheckInAnswer.objects.bulk_create(
            CheckInAnswer(
                response=response,
                question=key,
                text=answers.text(key, blank=False, limit=CHECKIN_ANSWER_LIMIT),
            )
            for key in answers.data
        )
