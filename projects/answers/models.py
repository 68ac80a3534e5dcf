"""The fields every idea that can be answered carries, and the history of its answers."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ANSWER_REASON_LIMIT = 1000


class Reply(models.TextChoices):
    FORWARD = "forward", _("We're taking this forward")
    NOT_NOW = "not_now", _("Not this time")


class Answered(models.Model):
    """The group's answer to an idea. Empty ``answer``: no answer yet."""

    answer = models.CharField(max_length=10, choices=Reply.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    # Who recorded the group's answer: always a named facilitator.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Counts each change of answer, so a stale form shows a conflict instead of overwriting.
    answer_version = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def has_answer(self) -> bool:
        return bool(self.answer)


def answer_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The database rules for the fields above, named for the model that carries them."""
    return [
        models.CheckConstraint(
            condition=models.Q(answer__in=["", *Reply.values]), name=f"{prefix}_answer_valid"
        ),
        # "Not this time" always says why.
        models.CheckConstraint(
            condition=~models.Q(answer=Reply.NOT_NOW) | ~models.Q(answer_reason=""),
            name=f"{prefix}_answer_not_now_has_reason",
        ),
        models.CheckConstraint(
            condition=LessThanOrEqual(Length("answer_reason"), ANSWER_REASON_LIMIT),
            name=f"{prefix}_answer_reason_length",
        ),
    ]


class AnswerRevision(models.Model):
    """One answer as it was recorded. Each app's model adds ``item``, the idea answered."""

    version = models.PositiveIntegerField()
    answer = models.CharField(max_length=10, choices=Reply.choices)
    reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["version"]
