"""Demo content for the lake of ideas: a lively board with ideas on every island and in the water.

Listed in ``sharing.demo.PARTS``, which ``manage.py demo`` runs on its demo project.
"""

from marks.models import Note
from projects.answers.models import Reply
from projects.answers.services import answer_set
from projects.models import Project
from projects.on_behalf.models import Via
from projects.stages import Stage

from . import services
from .answers import POSTIT
from .models import Colour, PostIt

# Sam's answers to some of the ideas: the rest have no answer yet.
ANSWERS = [
    (
        "Take turns chairing the meetings.",
        Reply.FORWARD,
        "Priya chairs in March, then we go round.",
    ),
    (
        "Sometimes I don't feel I can disagree with staff.",
        Reply.FORWARD,
        "Staff will speak last, and there is a card to hold up to disagree.",
    ),
    (
        "A celebration lunch that everyone helps plan.",
        Reply.NOT_NOW,
        "The budget for food is spent this year. We'll plan a picnic instead.",
    ),
]

IDEAS = [
    (
        "Amina",
        Stage.PLANNING,
        Colour.YELLOW,
        "Meet somewhere with step-free access and good buses.",
    ),
    ("Jo", Stage.PLANNING, Colour.PINK, "Ask people how they'd like to be paid for their time."),
    ("Sam", Stage.PLANNING, Colour.GREEN, "Agree ground rules at the first meeting, not later."),
    ("Priya", Stage.PROCESS, Colour.BLUE, "Take turns chairing the meetings."),
    (None, Stage.PROCESS, Colour.ORANGE, "Sometimes I don't feel I can disagree with staff."),
    ("Amina", Stage.PROCESS, Colour.YELLOW, "A buddy for anyone new to the group."),
    ("Jo", Stage.COMPLETING, Colour.GREEN, "A celebration lunch that everyone helps plan."),
    (
        "Priya",
        Stage.COMPLETING,
        Colour.PINK,
        "Send everyone a short update when the report is out.",
    ),
    ("Sam", Stage.REVIEW, Colour.BLUE, "Ask what we would do differently next time."),
    ("Amina", "water", Colour.ORANGE, "Keep a shared glossary of words we use."),
    ("Jo", "water:planning-review", Colour.YELLOW, "Check our aims again at the end."),
    (None, "water:process-completing", Colour.GREEN, "Thank people as we go, not only at the end."),
]


def extend(project: Project, users: dict) -> None:
    for name, place, colour, text in IDEAS:
        services.postit_add(
            project=project,
            author=users[name or "Sam"],
            text=text,
            place=place,
            colour=colour,
            anonymous=name is None,
            # Written anonymously whatever order the demo's parts run in, and so before or
            # after the project allows anonymous post-its.
            keep_anonymous=name is None,
        )
    # Amina wrote this one on paper and handed it to Sam, who put it on the lake for her.
    services.postit_add(
        project=project,
        author=users["Amina"],
        text="Could we meet in the library? It is on the bus route and has a lift.",
        place=Stage.PLANNING,
        colour=Colour.GREEN,
        added_by=users["Sam"],
        given_via=Via.PAPER,
    )
    # One idea came from a note on a mark, and links back to it.
    note = (
        Note.objects.filter(mark__project=project, deleted_at=None, is_anonymous=False)
        .select_related("mark")
        .first()
    )
    if note is not None:
        services.postit_add(
            project=project,
            author=note.author,
            text=note.text[:500],
            place=note.mark.stage,
            colour=Colour.BLUE,
            mark=note.mark,
        )
    moved = services.postit_add(
        project=project,
        author=users["Priya"],
        text="Share the minutes in large print and by email.",
        place=Stage.PLANNING,
        colour=Colour.PINK,
    )
    services.postit_move(postit=moved, place=Stage.PROCESS, actor=users["Jo"])
    edited = services.postit_add(
        project=project,
        author=users["Jo"],
        text="Pay for travel.",
        place=Stage.PLANNING,
        colour=Colour.GREEN,
    )
    services.postit_edit(
        postit=edited,
        base_version=1,
        text="Pay for travel up front, so nobody is out of pocket.",
        colour=Colour.GREEN,
    )
    removed = services.postit_add(
        project=project,
        author=users["Sam"],
        text="Buy a whiteboard.",
        place="water",
        colour=Colour.YELLOW,
    )
    services.postit_delete(postit=removed, actor=users["Sam"])
    for text, answer, reason in ANSWERS:
        postit = PostIt.objects.filter(project=project, text=text).first()
        if postit is not None:
            answer_set(
                project=project,
                kind=POSTIT,
                item=postit,
                actor=users["Sam"],
                answer=answer,
                reason=reason,
                base_version=postit.answer_version,
            )
