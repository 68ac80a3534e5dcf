"""A project's check-ins: the same questions each time, answered by each member."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from projects.models import Project, SetAsideQuerySet
from projects.on_behalf.models import GivenOnBehalf, on_behalf_constraints

CHECKIN_ANSWER_LIMIT = 2000


class CheckIn(models.Model):
    """A short round of the same questions, answered by each member and shown together when closed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checkins")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["project", "started_at"], name="checkin_project_order")]
        constraints = [
            # One open check-in at a time, so the group answers the same one.
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(closed_at__isnull=True),
                name="checkin_one_open_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CheckInResponse(GivenOnBehalf):
    """One member's answers to one check-in; anonymous ones store no author."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="checkin_anonymous_has_no_author",
            ),
            # A named member has one set of answers, which they can change while it is open.
            models.UniqueConstraint(
                fields=["checkin", "author"],
                condition=models.Q(author__isnull=False),
                name="checkin_one_response_per_member",
            ),
            *on_behalf_constraints("checkin"),
        ]


class CheckInAnswer(models.Model):
    """The answer to one of the fixed questions, in the member's own words."""

    response = models.ForeignKey(CheckInResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=20)
    text = models.TextField()

    # Words that can be set aside (projects/setting_aside): pages read them with
    # .with_set_aside() or .visible().
    set_aside_kind = "answer"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="checkin_answer_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), CHECKIN_ANSWER_LIMIT),
                name="checkin_answer_length",
            ),
            models.UniqueConstraint(
                fields=["response", "question"], name="checkin_one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class AnonymousAnswerer(models.Model):
    """Someone has answered this check-in anonymously: a keyed hash of check-in and person.

    Kept apart from the answers, with nothing that leads to them: no response, no time,
    and the hash itself as the key, so not even the order rows were added in is kept.
    Being the primary key, it is unique: a person answers an anonymous check-in once.
    """

    key = models.CharField(max_length=64, primary_key=True)
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="+")
