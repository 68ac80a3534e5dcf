"""The check-in models, taken over from marks: their tables already exist.

``marks.0005`` renamed the tables to this app's names, so here the models only enter
this app's state, and the content types follow them so nothing is left pointing at
``marks``.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["checkin", "checkinresponse", "checkinanswer"]


def move_content_types(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label=new, model__in=MODELS)
        .values_list("model", flat=True)
    )
    # post_migrate already makes a row under the new label when a database is migrated
    # only part of the way with this code. Such a model keeps that row, so the unique
    # (app_label, model) pair never clashes; remove_stale_contenttypes clears the old one.
    ContentType.objects.using(db).filter(app_label=old, model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    move_content_types(apps, schema_editor, "marks", "checkins")


def backwards(apps, schema_editor) -> None:
    move_content_types(apps, schema_editor, "checkins", "marks")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("marks", "0005_checkins_leave_for_their_own_app"),
        ("projects", "0002_completing"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CheckIn",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("started_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="checkins",
                                to="projects.project",
                            ),
                        ),
                        (
                            "started_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-started_at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["project", "started_at"], name="checkin_project_order"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("closed_at__isnull", True)),
                                fields=("project",),
                                name="checkin_one_open_per_project",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CheckInResponse",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("is_anonymous", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "checkin",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="responses",
                                to="checkins.checkin",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["created_at", "pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("is_anonymous", False),
                                    ("author__isnull", True),
                                    _connector="OR",
                                ),
                                name="checkin_anonymous_has_no_author",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("author__isnull", False)),
                                fields=("checkin", "author"),
                                name="checkin_one_response_per_member",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CheckInAnswer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("question", models.CharField(max_length=20)),
                        ("text", models.TextField()),
                        (
                            "response",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="checkins.checkinresponse",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("text", ""), _negated=True),
                                name="checkin_answer_not_empty",
                            ),
                            models.CheckConstraint(
                                condition=django.db.models.lookups.LessThanOrEqual(
                                    django.db.models.functions.text.Length("text"), 2000
                                ),
                                name="checkin_answer_length",
                            ),
                            models.UniqueConstraint(
                                fields=("response", "question"),
                                name="checkin_one_answer_per_question",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
