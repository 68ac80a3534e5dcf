"""Post-its on the lake of ideas: on one of the four islands, or in the water between them."""

from itertools import combinations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marks.models import Action, Mark
from projects.answers.models import Answered, AnswerRevision, answer_constraints
from projects.models import Project, SetAsideQuerySet
from projects.on_behalf.models import GivenOnBehalf, on_behalf_constraints
from projects.shared_words.models import SharedWords, Wording
from projects.stages import Stage

TEXT_LIMIT = 500
TIMER_SECONDS = 5 * 60
KEEP_REMOVED_DAYS = 30
WATER = "water"


def _between_key(first: str, second: str) -> str:
    return f"{WATER}:{first}-{second}"


def _place_keys() -> list[str]:
    keys = [stage.value for stage in Stage] + [WATER]
    keys += [_between_key(a.value, b.value) for a, b in combinations(Stage, 2)]
    return keys


# Every place a post-it can be: the islands, the water, the water between two islands.
PLACES = _place_keys()


def place_label(place: str) -> str:
    """The place's name, in the current language."""
    if place == WATER:
        return str(_("The water"))
    if place.startswith(WATER + ":"):
        first, second = place.split(":", 1)[1].split("-")
        return str(
            _("The water between %(first)s and %(second)s")
            % {"first": Stage(first).label, "second": Stage(second).label}
        )
    return str(Stage(place).label)


def place_choices() -> list[tuple[str, str]]:
    return [(key, place_label(key)) for key in PLACES]


def place_region(place: str) -> str:
    """The region of the board a place is drawn in: its island, or the water."""
    return WATER if place.startswith(WATER) else place


class Colour(models.TextChoices):
    """Each colour passes AA contrast with the post-it's dark text (see static/css/lake.css)."""

    YELLOW = "yellow", _("Yellow")
    PINK = "pink", _("Pink")
    GREEN = "green", _("Green")
    BLUE = "blue", _("Blue")
    ORANGE = "orange", _("Orange")


class PostIt(GivenOnBehalf, SharedWords, Answered):
    # Its author rewords it and may pick another colour; its history keeps the words.
    wording_fields = ("text", "colour")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="postits")
    place = models.CharField(max_length=40, default=Stage.PLANNING)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    colour = models.CharField(max_length=10, choices=Colour.choices, default=Colour.YELLOW)
    # Empty for an anonymous post-it: nothing in the database ties it to who wrote it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    # The mark whose note this post-it came from, to link back to it.
    mark = models.ForeignKey(
        Mark, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # The lake's revision (LakeState.revision) at which this post-it was last added, moved,
    # changed, removed or brought back: a live poll sends only the post-its changed since
    # the revision the browser already shows.
    changed_in_revision = models.PositiveBigIntegerField(default=0)
    # The action made when the group answered "we're taking this forward", if one was.
    answer_action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Words that can be set aside (projects/setting_aside): pages read them with
    # .with_set_aside() or .visible().
    set_aside_kind = "postit"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["project", "deleted_at"], name="postit_project_live"),
            models.Index(fields=["project", "changed_in_revision"], name="postit_project_changed"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="postit_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), TEXT_LIMIT), name="postit_text_length"
            ),
            models.CheckConstraint(condition=models.Q(place__in=PLACES), name="postit_place_valid"),
            models.CheckConstraint(
                condition=models.Q(colour__in=Colour.values), name="postit_colour_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="postit_anonymous_has_no_author",
            ),
            *answer_constraints("postit"),
            *on_behalf_constraints("postit"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def region(self) -> str:
        return place_region(self.place)

    @property
    def place_label(self) -> str:
        return place_label(self.place)

    @property
    def between_label(self) -> str:
        """For a post-it swimming between two named islands, which ones; otherwise empty."""
        return self.place_label if ":" in self.place else ""

    def can_edit(self, user) -> bool:
        """Only the author changes a post-it's words; nobody can, for an anonymous one."""
        return self.author_id is not None and self.author_id == user.pk


class PostItRevision(Wording):
    """One saved wording of a post-it. Only its author edits it, so no editor is stored."""

    postit = models.ForeignKey(PostIt, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()

    class Meta(Wording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["postit", "version"], name="postit_revision_unique"),
        ]


class PostItAnswer(AnswerRevision):
    """Each answer the group gave a post-it, oldest first (projects/answers)."""

    postit = models.ForeignKey(PostIt, on_delete=models.CASCADE, related_name="answer_revisions")

    class Meta(AnswerRevision.Meta):
        constraints = [
            models.UniqueConstraint(fields=["postit", "version"], name="postit_answer_unique")
        ]


class LakeTimer(models.Model):
    """The optional "five minutes with the lake" timer. It only shows time; it locks nothing."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="lake_timer")
    # Set while the timer runs; the time left is counted from here.
    running_since = models.DateTimeField(null=True, blank=True)
    # Seconds left when it was last started or paused.
    remaining = models.PositiveIntegerField(default=TIMER_SECONDS)
    # Whether the timer has been started and not stopped (running or paused).
    active = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remaining__lte=TIMER_SECONDS), name="laketimer_remaining_max"
            ),
        ]

    def seconds_left(self, now=None) -> int:
        if self.running_since is None:
            return self.remaining
        elapsed = ((now or timezone.now()) - self.running_since).total_seconds()
        return max(0, int(self.remaining - elapsed))

    @property
    def is_running(self) -> bool:
        return self.running_since is not None

    @property
    def clock(self) -> str:
        """The time left as minutes and seconds, e.g. 4:05."""
        minutes, seconds = divmod(self.seconds_left(), 60)
        return f"{minutes}:{seconds:02d}"


class LakeState(models.Model):
    """The lake's own change counter.

    The live board polls this rather than the project's revision, so scores and notes
    elsewhere in the project don't make every member's browser redraw the whole lake.
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="lake_state"
    )
    revision = models.PositiveBigIntegerField(default=0)


def lake_revision(project: Project) -> int:
    return LakeState.objects.filter(project=project).values_list("revision", flat=True).first() or 0
