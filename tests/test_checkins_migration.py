"""Check-ins moving from marks to their own app keep every row a group already has.

The database is taken back to the schema before the move (check-ins in marks' tables),
filled through the models as they were then, and migrated forward again. Everything
must then read the same through ``checkins.models``: ids, words, who and which project,
open or closed. It runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from checkins.models import CheckIn, CheckInAnswer, CheckInResponse

BEFORE = [
    ("marks", "0004_checkin_checkinresponse_checkinanswer_and_more"),
    ("checkins", None),
]


def migrate(targets):
    """Migrate to ``targets`` and return the models as the applied migrations left them."""
    MigrationExecutor(connection).migrate(targets)
    # A fresh executor reads what is applied now, so the state matches the tables.
    loader = MigrationExecutor(connection).loader
    return loader.project_state(nodes=list(loader.applied_migrations), at_end=True).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move(transactional_db):
    """The models as they were before the move; the database is left fully migrated."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())
        ContentType.objects.clear_cache()


def test_moving_checkins_to_their_own_app_keeps_every_row(before_the_move):
    old = before_the_move
    assert not old.is_installed("checkins")
    User = old.get_model("accounts", "User")
    Project = old.get_model("projects", "Project")
    Membership = old.get_model("projects", "Membership")
    OldCheckIn = old.get_model("marks", "CheckIn")
    OldResponse = old.get_model("marks", "CheckInResponse")
    OldAnswer = old.get_model("marks", "CheckInAnswer")
    OldContentType = old.get_model("contenttypes", "ContentType")

    fran = User.objects.create(email="fran@example.org", name="Fran", password="!")
    cora = User.objects.create(email="cora@example.org", name="Cora", password="!")
    project = Project.objects.create(name="Better drop-in")
    other = Project.objects.create(name="Another group")
    for user, role in ((fran, "facilitator"), (cora, "co_producer")):
        Membership.objects.create(project=project, user=user, role=role)
    started = timezone.now() - timedelta(days=30)
    closed = OldCheckIn.objects.create(
        project=project,
        started_by=fran,
        started_at=started,
        closed_by=cora,
        closed_at=started + timedelta(days=7),
    )
    still_open = OldCheckIn.objects.create(project=project, started_by=cora)
    elsewhere = OldCheckIn.objects.create(project=other)
    named = OldResponse.objects.create(checkin=closed, author=cora)
    anonymous = OldResponse.objects.create(checkin=closed, author=None, is_anonymous=True)
    waiting = OldResponse.objects.create(checkin=still_open, author=fran)
    answers = {
        OldAnswer.objects.create(response=named, question="voices", text="We hear Cora.").pk: (
            named.pk,
            "voices",
            "We hear Cora.",
        ),
        OldAnswer.objects.create(response=named, question="care", text="Yes.").pk: (
            named.pk,
            "care",
            "Yes.",
        ),
        OldAnswer.objects.create(response=anonymous, question="voices", text="Not mine.").pk: (
            anonymous.pk,
            "voices",
            "Not mine.",
        ),
        OldAnswer.objects.create(response=waiting, question="feedback", text="Private.").pk: (
            waiting.pk,
            "feedback",
            "Private.",
        ),
    }
    content_type, _created = OldContentType.objects.get_or_create(
        app_label="marks", model="checkin"
    )

    migrate(latest())
    ContentType.objects.clear_cache()

    assert CheckIn.objects.count() == 3
    c = CheckIn.objects.get(pk=closed.pk)
    assert (c.project_id, c.started_by_id, c.closed_by_id) == (project.pk, fran.pk, cora.pk)
    assert c.started_at == closed.started_at and c.closed_at == closed.closed_at
    assert not c.is_open
    o = CheckIn.objects.get(pk=still_open.pk)
    assert o.is_open and (o.project_id, o.started_by_id, o.closed_by_id) == (
        project.pk,
        cora.pk,
        None,
    )
    assert CheckIn.objects.get(pk=elsewhere.pk).project_id == other.pk
    assert set(
        CheckInResponse.objects.values_list("pk", "checkin_id", "author_id", "is_anonymous")
    ) == {
        (named.pk, closed.pk, cora.pk, False),
        (anonymous.pk, closed.pk, None, True),
        (waiting.pk, still_open.pk, fran.pk, False),
    }
    assert {
        a.pk: (a.response_id, a.question, a.text) for a in CheckInAnswer.objects.all()
    } == answers
    # The links are followed through the new models too.
    assert CheckInResponse.objects.get(pk=named.pk).checkin.project.name == "Better drop-in"

    # The content type moved with the model, keeping its id (and any permissions on it).
    assert ContentType.objects.get_for_model(CheckIn).pk == content_type.pk
    assert not ContentType.objects.filter(app_label="marks", model__startswith="checkin").exists()


def test_the_moved_tables_keep_their_keys_constraints_and_ids(before_the_move):
    old = before_the_move
    project = old.get_model("projects", "Project").objects.create(name="Better drop-in")
    first = old.get_model("marks", "CheckIn").objects.create(
        project=project, closed_at=timezone.now()
    )

    migrate(latest())

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        responses = connection.introspection.get_relations(cursor, "checkins_checkinresponse")
        answers = connection.introspection.get_relations(cursor, "checkins_checkinanswer")
        checkins = connection.introspection.get_relations(cursor, "checkins_checkin")
    assert {"checkins_checkin", "checkins_checkinresponse", "checkins_checkinanswer"} <= tables
    assert not {t for t in tables if t.startswith("marks_checkin")}
    # The foreign keys point at the renamed tables.
    assert responses["checkin_id"][:2] == ("id", "checkins_checkin")
    assert answers["response_id"][:2] == ("id", "checkins_checkinresponse")
    assert checkins["project_id"][:2] == ("id", "projects_project")
    # New rows carry on after the old ids, and the constraints still hold.
    second = CheckIn.objects.create(project_id=project.pk)
    assert second.pk > first.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(project_id=project.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckInResponse.objects.create(checkin_id=second.pk + 1000)
