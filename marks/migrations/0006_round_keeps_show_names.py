"""Each scoring round keeps whether it shows names; who took part is kept apart from scores.

Rounds still open take the project's setting as it is now: nobody has seen their scores
yet, and the setting is what the scorers could read. Rounds already revealed or agreed
become anonymous, whatever the setting says now: the setting may have been switched on
after they were revealed without names, and nothing records when. Hiding a name that
was once shown loses nothing anyone relied on; showing one that was promised to stay
hidden can't be taken back. Those rounds then forget whose score was whose, as every
anonymous reveal does from now on, after noting who took part. That can't be undone, so
going back leaves the scores unnamed.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_choices(apps, schema_editor):
    ScoringRound = apps.get_model("marks", "ScoringRound")
    ScoringSettings = apps.get_model("marks", "ScoringSettings")
    Score = apps.get_model("marks", "Score")
    RoundParticipant = apps.get_model("marks", "RoundParticipant")
    showing = set(
        ScoringSettings.objects.filter(show_names=True).values_list("project_id", flat=True)
    )
    ScoringRound.objects.filter(status="open", mark__project_id__in=showing).update(
        show_names=True
    )
    RoundParticipant.objects.bulk_create(
        RoundParticipant(round_id=round_id, member_id=member_id)
        for round_id, member_id in Score.objects.filter(member__isnull=False).values_list(
            "round_id", "member_id"
        )
    )
    for scoring_round in ScoringRound.objects.exclude(status="open"):
        scores = list(scoring_round.scores.order_by("value", "pk"))
        if not scores:
            continue
        when = scoring_round.revealed_at or scoring_round.opened_at
        Score.objects.filter(round=scoring_round).delete()
        Score.objects.bulk_create(
            Score(round=scoring_round, member=None, value=s.value, created_at=when, updated_at=when)
            for s in scores
        )


class Migration(migrations.Migration):
    dependencies = [
        ("marks", "0005_checkins_leave_for_their_own_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="scoringround",
            name="show_names",
            field=models.BooleanField(default=False),
        ),
        migrations.CreateModel(
            name="RoundParticipant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="marks.scoringround",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "member"), name="round_participant_once"
                    )
                ],
            },
        ),
        migrations.RunPython(keep_choices, migrations.RunPython.noop),
    ]
