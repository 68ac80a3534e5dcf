"""Proposals and their responses, the decision log, and how the group decides."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lake.models import PostIt
from marks.models import Action, Mark
from projects.answers.models import Answered, AnswerRevision, answer_constraints
from projects.models import Project, SetAsideQuerySet
from projects.on_behalf.models import GivenOnBehalf, on_behalf_constraints
from projects.shared_words.models import EditedWording, SharedWords

TITLE_LIMIT = 200
TEXT_LIMIT = 2000
OPTION_LIMIT = 200
OPTIONS_MAX = 10
REASON_LIMIT = 1000
MADE_BY_LIMIT = 200


class Way(models.TextChoices):
    """How the group answers one proposal."""

    CONSENT = "consent", _("Consent: agree, have concerns or object")
    CHOICE = "choice", _("A choice: each person picks one option")
    RANKED = "ranked", _("A ranked choice: each person puts the options in order")


class Answer(models.TextChoices):
    AGREE = "agree", _("I agree")
    CONCERNS = "concerns", _("I have concerns")
    OBJECT = "object", _("I object")


class Linked(models.Model):
    """What a proposal or decision is about: a mark, a post-it or an action, each optional."""

    mark = models.ForeignKey(
        Mark, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    postit = models.ForeignKey(
        PostIt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Proposal(Linked, Answered):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=TITLE_LIMIT)
    reason = models.TextField(blank=True)
    way = models.CharField(max_length=10, choices=Way.choices, default=Way.CONSENT)
    # Set when the project allows it: responses then store no author.
    anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Written when it closes, in plain words, with the counts.
    outcome = models.TextField(blank=True)
    # The proposer's answer to objections, once it has closed.
    reply = models.TextField(blank=True)
    # The action made when the group answered "we're taking this forward", if one was: apart
    # from ``action``, which is what the proposal is about.
    answer_action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "created_at"], name="proposal_project_order")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="proposal_title_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("reason"), TEXT_LIMIT),
                name="proposal_reason_length",
            ),
            *answer_constraints("proposal"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_due(self, now=None) -> bool:
        return (
            self.is_open
            and self.closes_at is not None
            and self.closes_at <= (now or timezone.now())
        )

    def can_close(self, membership) -> bool:
        return membership.is_facilitator or self.author_id == membership.user_id


class ProposalAnswer(AnswerRevision):
    """Each answer the group gave a proposal, oldest first (projects/answers)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="answer_revisions"
    )

    class Meta(AnswerRevision.Meta):
        constraints = [
            models.UniqueConstraint(fields=["proposal", "version"], name="proposal_answer_unique")
        ]


class Option(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=OPTION_LIMIT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="option_position_unique"),
            models.CheckConstraint(condition=~models.Q(label=""), name="option_label_not_empty"),
        ]

    def __str__(self) -> str:
        return self.label


class Response(GivenOnBehalf):
    """One person's answer. Anonymous ones store no author; who answered is kept apart."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # Words that can be set aside (projects/setting_aside), once the proposal has closed:
    # pages read them with .with_set_aside() or .visible().
    set_aside_kind = "response"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="response_anonymous_has_no_author",
            ),
            models.UniqueConstraint(
                fields=["proposal", "author"],
                condition=models.Q(author__isnull=False),
                name="response_one_per_member",
            ),
            # Concerns and objections always come with a reason.
            models.CheckConstraint(
                condition=models.Q(answer__in=["", "agree"]) | ~models.Q(reason=""),
                name="response_reason_for_concerns",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("reason"), REASON_LIMIT),
                name="response_reason_length",
            ),
            *on_behalf_constraints("response"),
        ]


class Rank(models.Model):
    """Where one ranked response puts one option: 1 is first."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ranks")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["response", "rank"], name="rank_unique_place"),
            models.UniqueConstraint(fields=["response", "option"], name="rank_unique_option"),
        ]


class AnonymousKey(models.Model):
    """That someone answered an anonymous proposal, kept apart from what they answered.

    The key is a keyed hash of the proposal and the person (HMAC with the site's secret), so
    the same person can't answer twice, and nothing here says which response was theirs.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "key"], name="anonymous_key_unique")
        ]


class Decision(Linked, SharedWords):
    """One entry in the decision log."""

    class How(models.TextChoices):
        CONSENT = "consent", _("By consent")
        VOTE = "vote", _("By a vote")
        MEETING = "meeting", _("Decided in the meeting")
        OUTSIDE = "outside", _("Made outside the group")

    class Say(models.TextChoices):
        DECIDED = "decided", _("We decided")
        ASKED = "asked", _("We were asked")
        TOLD = "told", _("We were told")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions_made")
    text = models.TextField()
    how = models.CharField(max_length=10, choices=How.choices)
    # For a decision made outside the group: who made it, and how much say the group had.
    made_by = models.CharField(max_length=MADE_BY_LIMIT, blank=True)
    say = models.CharField(max_length=10, choices=Say.choices, default=Say.DECIDED)
    decided_on = models.DateField()
    proposal = models.OneToOneField(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    wording_fields = ("text", "made_by", "say", "decided_on")

    class Meta:
        ordering = ["decided_on", "created_at", "pk"]
        indexes = [models.Index(fields=["project", "decided_on"], name="decision_project_order")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="decision_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), TEXT_LIMIT),
                name="decision_text_length",
            ),
            models.CheckConstraint(
                condition=~models.Q(how="outside") | ~models.Q(made_by=""),
                name="decision_outside_names_who",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class DecisionRevision(EditedWording):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()
    made_by = models.CharField(max_length=MADE_BY_LIMIT, blank=True)
    say = models.CharField(max_length=10, choices=Decision.Say.choices)
    decided_on = models.DateField()

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["decision", "version"], name="decision_revision_unique")
        ]


class HowWeDecide(SharedWords):
    """The project's agreed way of deciding: part of its ground rules."""

    class Way(models.TextChoices):
        CONSENT = "consent", _("By consent: we go ahead unless someone objects")
        MAJORITY = "majority", _("By majority: the option most people choose")
        OTHER = "other", _("Another way, in our own words")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="how_we_decide")
    way = models.CharField(max_length=10, choices=Way.choices, default=Way.CONSENT)
    other_way = models.TextField(blank=True)
    vote_when = models.TextField(blank=True)
    open_days = models.PositiveSmallIntegerField(default=7)

    wording_fields = ("way", "other_way", "vote_when", "open_days")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(open_days__gte=1, open_days__lte=90),
                name="how_we_decide_open_days_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(way="other") | ~models.Q(other_way=""),
                name="how_we_decide_other_written",
            ),
        ]


class HowWeDecideRevision(EditedWording):
    how = models.ForeignKey(HowWeDecide, on_delete=models.CASCADE, related_name="revisions")
    way = models.CharField(max_length=10, choices=HowWeDecide.Way.choices)
    other_way = models.TextField(blank=True)
    vote_when = models.TextField(blank=True)
    open_days = models.PositiveSmallIntegerField()

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["how", "version"], name="how_we_decide_revision_unique")
        ]


class HowWeDecideAgreement(models.Model):
    """A member agreed to one wording; a change asks everyone again."""

    how = models.ForeignKey(HowWeDecide, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["how", "user", "version"], name="how_we_decide_agreement_unique"
            )
        ]
