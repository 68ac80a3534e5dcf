"""The demo project that ``manage.py demo`` makes: a cast, a project, and each app's part.

``PARTS`` lists each app's demo part (its ``demo.py``), run in order on the new project
with the cast by name. This module may import any app; only the ``demo`` command
imports it.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from checkins import demo as checkins_demo
from decisions import demo as decisions_demo
from lake import demo as lake_demo
from marks import demo as marks_demo
from marks.models import Mark, Note
from meetings import demo as meetings_demo
from meetings.after import demo as meetings_after_demo
from payments import demo as payments_demo
from projects import demo as projects_demo
from projects import services
from projects.models import Agreement, Invitation, Membership, Project
from projects.rules.services import ground_rule_add
from projects.stages import Stage
from words import demo as words_demo

from . import setting_aside
from .people.services import account_delete

PASSWORD = "co-produce-demo"
CAST = [
    ("sam@example.org", "Sam", "facilitator"),
    ("amina@example.org", "Amina", "co_producer"),
    ("jo@example.org", "Jo", "co_producer"),
    ("priya@example.org", "Priya", "co_producer"),
]


def former_member(project: Project, users: dict) -> None:
    """Someone who took part and then deleted their account: their note stays, unnamed."""
    mark = (
        Mark.objects.filter(project=project, stage=Stage.PLANNING)
        .order_by("position", "pk")
        .first()
    )
    if mark is None:
        return
    robin = User.objects.create_user(email="robin@example.org", password=None, name="Robin")
    Membership.objects.create(project=project, user=robin)
    Note.objects.create(
        mark=mark,
        kind=Note.Kind.LADDER,
        text="Ask people what time of day suits them before fixing the meetings.",
        author=robin,
    )
    account_delete(user=robin, remove=False, choices={})


# Each takes the project and the cast by name. The lake comes after the marks, since one
# of its post-its comes from a note on a mark.
PARTS = [
    projects_demo.extend,
    words_demo.extend,
    marks_demo.extend,
    checkins_demo.extend,
    former_member,
    lake_demo.extend,
    decisions_demo.extend,
    meetings_demo.extend,
    meetings_after_demo.extend,
    meetings_demo.extend_agendas,
    payments_demo.extend,
    setting_aside.demo,
]


@transaction.atomic
def demo_create() -> Project:
    """The cast's accounts, the demo project with its aims and ground rules, then every part."""
    users = {}
    for email, name, _role in CAST:
        user = User.objects.create_user(email=email, password=PASSWORD, name=name)
        user.emailaddress_set.create(email=email, verified=True, primary=True)
        users[name] = user
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    project = services.project_create(
        creator=sam,
        name="Our community mental health drop-in",
        purpose=(
            "To redesign the weekly drop-in together, so that it feels welcoming to people "
            "who use it and works for the staff who run it."
        ),
        out_of_scope="The building itself and the council's overall budget.",
        outcomes="More people feel able to come back, and say the drop-in is theirs too.",
        decisions="We talk until everyone can live with a decision. If we are stuck, we vote.",
        tracking="Short notes after every meeting, shared by email and on paper.",
    )
    for person in (amina, jo, priya):
        Membership.objects.create(project=project, user=person)
    rules = [
        (amina, "We listen to each other without interrupting."),
        (jo, "Everyone's experience counts the same, whatever their role."),
        (priya, "It is fine to take a break or pass at any time."),
    ]
    for author, text in rules:
        rule = ground_rule_add(project=project, author=author, text=text)
        for person in (sam, amina, jo):
            Agreement.objects.get_or_create(rule=rule, user=person)
    Invitation.objects.create(
        project=project, created_by=sam, expires_at=timezone.now() + timedelta(days=14)
    )
    for part in PARTS:
        part(project=project, users=users)
    return project
