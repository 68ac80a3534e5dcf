"""Rounds that existed before each round kept its own choice about names.

Open rounds take the project's setting as it is at migration time; rounds already
revealed or agreed become anonymous and forget whose score was whose (the setting may
have been switched on after they were revealed without names, and nothing says when),
after noting who took part so certificates still count it.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("marks", "0005_checkins_leave_for_their_own_app")]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(nodes=list(loader.applied_migrations), at_end=True).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before(transactional_db):
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())
        ContentType.objects.clear_cache()


def test_old_rounds_keep_a_choice_that_names_nobody_already_revealed(before):
    User = before.get_model("accounts", "User")
    Project = before.get_model("projects", "Project")
    Mark = before.get_model("marks", "Mark")
    Settings = before.get_model("marks", "ScoringSettings")
    Round = before.get_model("marks", "ScoringRound")
    Score = before.get_model("marks", "Score")
    fran = User.objects.create(email="fran@example.org", name="Fran", password="!")
    cora = User.objects.create(email="cora@example.org", name="Cora", password="!")
    project = Project.objects.create(name="Better drop-in")
    Settings.objects.create(project=project, show_names=True)
    done = Mark.objects.create(project=project, stage="process", title="Listening")
    going = Mark.objects.create(project=project, stage="process", title="Power")
    now = timezone.now()
    revealed = Round.objects.create(
        mark=done, status="closed", revealed_at=now, closed_at=now, agreed_value=5
    )
    still_open = Round.objects.create(mark=going, status="open")
    for scoring_round in (revealed, still_open):
        Score.objects.create(round=scoring_round, member=fran, value=7)
        Score.objects.create(round=scoring_round, member=cora, value=None)

    after = migrate(latest())
    Round = after.get_model("marks", "ScoringRound")
    Score = after.get_model("marks", "Score")
    Participant = after.get_model("marks", "RoundParticipant")
    assert Round.objects.get(pk=revealed.pk).show_names is False
    assert Round.objects.get(pk=still_open.pk).show_names is True
    assert not Score.objects.filter(round_id=revealed.pk, member__isnull=False).exists()
    assert sorted(
        Score.objects.filter(round_id=revealed.pk).values_list("value", flat=True),
        key=lambda v: v or 0,
    ) == [None, 7]
    # An open round's scores stay with their members, who may still change them.
    assert Score.objects.filter(round_id=still_open.pk, member_id=fran.pk).exists()
    assert Participant.objects.filter(round_id=revealed.pk).count() == 2
