"""A project's own copy of the marks, and the notes its members write about them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.answers.models import Answered, AnswerRevision, answer_constraints
from projects.models import Project, SetAsideQuerySet
from projects.on_behalf.models import GivenOnBehalf, on_behalf_constraints
from projects.shared_words.models import EditedWording, SharedWords, Wording
from projects.stages import Stage

TITLE_LIMIT = 200
EXPLANATION_LIMIT = 3000
NOTE_LIMIT = 2000


class Mark(SharedWords):
    """One mark of co-production as this group words it: copied from the library, or its own."""

    wording_fields = ("title", "explanation")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="marks")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    # The library mark this was copied from; empty for a mark the group added itself.
    library_key = models.CharField(max_length=80, blank=True)
    title = models.CharField(_("Mark"), max_length=TITLE_LIMIT)
    explanation = models.TextField(_("What it means"), blank=True)
    position = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stage", "position", "pk"]
        indexes = [models.Index(fields=["project", "stage", "position"], name="mark_stage_order")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="mark_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="mark_stage_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("explanation"), EXPLANATION_LIMIT),
                name="mark_explanation_length",
            ),
            # A library mark is copied into a project once.
            models.UniqueConstraint(
                fields=["project", "library_key"],
                condition=~models.Q(library_key=""),
                name="mark_library_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_own(self) -> bool:
        """The group added this mark itself, rather than taking it from the library."""
        return not self.library_key


class MarkRevision(EditedWording):
    """One saved wording of a mark: who wrote it (nobody, for the library's) and when."""

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_LIMIT)
    explanation = models.TextField(blank=True)

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["mark", "version"], name="mark_revision_unique"),
        ]


class Note(GivenOnBehalf, SharedWords, Answered):
    """A member's answer to one of the questions asked of every mark."""

    class Kind(models.TextChoices):
        MEANING = "meaning", _("What does this mean for our project?")
        LADDER = "ladder", _("What ladders do we have?")
        SNAKE = "snake", _("What snakes might lie in wait for us?")

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    # Empty for an anonymous note: nothing in the database ties it to who wrote it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the author deletes the note, so they can undo it.
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The action made when the group answered "we're taking this forward", if one was.
    answer_action = models.ForeignKey(
        "Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Words that can be set aside (projects/setting_aside): pages read them with
    # .with_set_aside() or .visible().
    set_aside_kind = "note"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mark", "deleted_at"], name="note_mark_live")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="note_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), NOTE_LIMIT), name="note_text_length"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["meaning", "ladder", "snake"]),
                name="note_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="note_anonymous_has_no_author",
            ),
            *answer_constraints("note"),
            *on_behalf_constraints("note"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def can_edit(self, user) -> bool:
        """Only the note's author may change or delete it; nobody can, for an anonymous note."""
        return self.author_id is not None and self.author_id == user.pk


class NoteAnswer(AnswerRevision):
    """Each answer the group gave a note, oldest first (projects/answers)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="answer_revisions")

    class Meta(AnswerRevision.Meta):
        constraints = [
            models.UniqueConstraint(fields=["note", "version"], name="note_answer_unique")
        ]


class NoteRevision(Wording):
    """One saved wording of a note. Only its author edits a note, so no editor is stored."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()

    class Meta(Wording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["note", "version"], name="note_revision_unique"),
        ]


# -- scoring: private scores, revealed together, agreed as a group ---------------

SCORE_MIN = 1
SCORE_MAX = 10
AGREED_NOTE_LIMIT = 1000


class ScoringSettings(models.Model):
    """How a project runs its scoring rounds. A project without a row uses the defaults."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="scoring_settings"
    )
    any_member_runs_rounds = models.BooleanField(
        _("Any member can open, reveal and agree rounds"),
        default=False,
        help_text=_("Leave this off and only facilitators can open, reveal and agree a round."),
    )
    show_names = models.BooleanField(
        _("Show names next to scores when they are revealed"),
        default=False,
        help_text=_("Leave this off and revealed scores are anonymous."),
    )
    # Counts saves, so a settings page opened before someone else saved is noticed.
    version = models.PositiveIntegerField(default=1)

    @classmethod
    def for_project(cls, project: Project) -> "ScoringSettings":
        """The project's settings, or unsaved defaults: reading them never writes."""
        return cls.objects.filter(project=project).first() or cls(project=project)

    def can_run_rounds(self, membership) -> bool:
        return membership.is_facilitator or self.any_member_runs_rounds


class ScoringRound(models.Model):
    """One go at scoring a mark: open for scores, then revealed, then closed with a score agreed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for scores")
        REVEALED = "revealed", _("Scores revealed")
        CLOSED = "closed", _("Score agreed")

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="rounds")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    revealed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    agreed_value = models.PositiveSmallIntegerField(null=True, blank=True)
    agreed_note = models.TextField(blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The project's choice when the round was opened, kept for good: people scored knowing
    # whether their name would show, so a later change of the setting never reaches back.
    show_names = models.BooleanField(default=False)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["mark", "status"], name="round_mark_status")]
        constraints = [
            # A mark has at most one round in progress (open, or revealed and not yet agreed).
            models.UniqueConstraint(
                fields=["mark"],
                condition=models.Q(status__in=["open", "revealed"]),
                name="round_one_in_progress_per_mark",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "revealed", "closed"]),
                name="round_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(agreed_value__isnull=True)
                | models.Q(agreed_value__gte=SCORE_MIN, agreed_value__lte=SCORE_MAX),
                name="round_agreed_value_1_to_10",
            ),
            # A closed round always has its agreed score.
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(agreed_value__isnull=False),
                name="round_closed_has_agreed_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mark} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_revealed(self) -> bool:
        return self.status == self.Status.REVEALED

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Score(GivenOnBehalf):
    """One member's private score in a round. An empty value means "I'd rather not score this".

    In a round that doesn't show names, the reveal forgets whose each score was (see
    ``RoundParticipant``): nobody, not even someone reading the database, can name them.
    """

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="scores")
    # Empty once the member's account is deleted, and in an anonymous round once revealed.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="score_one_per_member"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX),
                name="score_value_1_to_10",
            ),
            *on_behalf_constraints("score", anonymous=False),
        ]


class RoundParticipant(models.Model):
    """Someone took part in a round (scored, or chose not to), with no score and no time.

    Kept apart from the scores so that certificates can count taking part after an
    anonymous reveal has forgotten whose score was whose.
    """

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="round_participant_once"),
        ]


# -- review: the group's action plan ---------------------------------------------

ACTION_TEXT_LIMIT = 1000


class Action(SharedWords):
    """Something the group decides to do after looking at its scores: who, by when, how far.

    Its words and choices are shared words without a history of their own: the activity says
    who changed what.
    """

    wording_fields = ("text", "kind", "status", "due")

    class Kind(models.TextChoices):
        FORWARD = "forward", _("Taking forward")
        DROP = "drop", _("Dropping")
        DIFFERENTLY = "differently", _("Doing differently")

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("Doing")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    # Empty for an action about the whole project; otherwise a mark of the same project.
    mark = models.ForeignKey(
        Mark, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.FORWARD)
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # "Everyone" is a choice of its own, so members who join later are part of it too.
    everyone = models.BooleanField(default=False)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project", "created_at"], name="action_project_order")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="action_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), ACTION_TEXT_LIMIT),
                name="action_text_length",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["forward", "drop", "differently"]),
                name="action_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["todo", "doing", "done", "dropped"]),
                name="action_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
