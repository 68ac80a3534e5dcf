import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timezones import default_time_zone, time_zone_choices

from .shared_words.models import EditedWording, SharedWords

CERTIFICATE_LINE_LIMIT = 300
# The longest piece of writing a form takes: a project's aims, an update.
TEXT_LIMIT = 5000

DESCRIPTION_FIELDS = ["name", "purpose", "out_of_scope", "outcomes", "decisions", "tracking"]


class Project(SharedWords):
    """A co-production group's shared place for its work. Its name and aims are shared words."""

    wording_fields = tuple(DESCRIPTION_FIELDS)

    name = models.CharField(
        _("Project name"),
        max_length=120,
        help_text=_("A short name the whole group will recognise."),
    )
    purpose = models.TextField(
        _("What we want to co-produce, and why"),
        blank=True,
        help_text=_("The service, plan or thing you will make together, and the reason for it."),
    )
    out_of_scope = models.TextField(
        _("What is outside our remit"),
        blank=True,
        help_text=_("Things this group cannot change, so nobody is let down later."),
    )
    outcomes = models.TextField(
        _("The outcomes we hope for"),
        blank=True,
        help_text=_("What you hope will be different when the work is done."),
    )
    decisions = models.TextField(
        _("How we will make decisions"),
        blank=True,
        help_text=_("For example: by talking until everyone can agree, or by a vote."),
    )
    tracking = models.TextField(
        _("How we will keep track of progress and share what we learn"),
        blank=True,
        help_text=_("For example: notes after each meeting, or an update every month."),
    )
    allow_anonymous = models.BooleanField(
        _("Allow anonymous contributions"),
        default=False,
        help_text=_("Members can choose to add notes, post-its and answers without their name."),
    )
    time_zone = models.CharField(
        _("The project's time zone"),
        max_length=64,
        default=default_time_zone,
        choices=time_zone_choices,
        help_text=_("Meeting times are set and shown in this time zone."),
    )
    members_may_set_aside = models.BooleanField(
        _("Any member may set aside words that break a ground rule"),
        default=False,
        help_text=_("Leave this off and only facilitators can. Anyone can always ask for a look."),
    )
    # For groups talking about abuse, addiction or mental health: a button on every page
    # that swaps it at once for a neutral site (QUICK_EXIT_URL).
    quick_exit = models.BooleanField(
        _("Show a “Leave this page quickly” button"),
        default=False,
        help_text=_(
            "On every page of this project, a button at the top swaps the page at once for "
            "an everyday website, with one click or by pressing Shift three times."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the facilitators were reminded to ask "what's changed six months on?".
    six_month_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Counts saves of the settings page, so a page opened before someone else saved (say,
    # marked the project completed) can't undo their change unnoticed.
    settings_version = models.PositiveIntegerField(default=1)
    # Bumped on every change anywhere in the project; live pages poll it.
    revision = models.PositiveBigIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="project_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def description(self) -> list[tuple[str, str]]:
        """The aims fields, as (label, text) pairs, without the name."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in DESCRIPTION_FIELDS[1:]
        ]


class ProjectRevision(EditedWording):
    """One saved wording of a project's description: who wrote it and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    name = models.CharField(max_length=120)
    purpose = models.TextField(blank=True)
    out_of_scope = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    tracking = models.TextField(blank=True)

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["project", "version"], name="project_revision_unique"),
        ]


class MembershipQuerySet(models.QuerySet):
    """The one place that says which members count and which get a project's emails."""

    def taking_part(self):
        """Members not on a break: the ones counted in "N of M members have scored" and in
        every such count."""
        return self.filter(break_since__isnull=True)

    def emailed(self, *, big_news: bool = False):
        """Members a project email may go to. Members on a break get none, except the big
        news (a project update) when they chose to hear about it."""
        if big_news:
            return self.filter(
                models.Q(break_since__isnull=True)
                | models.Q(break_emails=Membership.BreakEmails.BIG_NEWS)
            )
        return self.taking_part()


class Membership(models.Model):
    class BreakEmails(models.TextChoices):
        BIG_NEWS = "big_news", _("Tell me when something big happens (an update from the group)")
        NOTHING = "nothing", _("Nothing, until I'm back")

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        CO_PRODUCER = "co_producer", _("Co-producer")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CO_PRODUCER)
    joined_at = models.DateTimeField(default=timezone.now)
    # When the member last opened the project home: activity after it is "new".
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Staying in touch: both are the member's own choice, off until they say yes.
    stay_in_touch = models.BooleanField(
        _("Send me updates about what happens after the project"), default=False
    )
    keep_details = models.BooleanField(
        _("Keep my details so I can be asked to join future co-production projects"),
        default=False,
    )
    # When the member last made these choices; empty until they have been asked and answered.
    contact_choice_at = models.DateTimeField(null=True, blank=True)
    # A facilitator's own words on this member's certificate of contribution; optional.
    certificate_line = models.CharField(
        _("A personal line for the certificate"), max_length=CERTIFICATE_LINE_LIMIT, blank=True
    )
    # Counts saves of the personal line, so two facilitators can't overwrite each other.
    certificate_line_version = models.PositiveIntegerField(default=1)
    # A break from the project: since when, until when (optional, said to the group), which
    # emails still come, and for a facilitator who looks after the project meanwhile.
    break_since = models.DateTimeField(null=True, blank=True)
    break_until = models.DateField(null=True, blank=True)
    break_emails = models.CharField(
        max_length=20, choices=BreakEmails.choices, default=BreakEmails.NOTHING
    )
    break_cover = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last break, once over: the project home says what changed in it.
    last_break_since = models.DateTimeField(null=True, blank=True)
    back_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["facilitator", "co_producer"]),
                name="membership_role_valid",
            ),
            # A return date and someone covering belong to a break in progress.
            models.CheckConstraint(
                condition=models.Q(break_since__isnull=False)
                | models.Q(break_until__isnull=True, break_cover__isnull=True),
                name="membership_break_details_need_a_break",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.project}"

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR

    @property
    def on_break(self) -> bool:
        return self.break_since is not None


def new_token() -> str:
    # 32 random bytes: 256 bits, far beyond guessing.
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Stopped")
        USED_UP = "used_up", _("Used up")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set for an invitation sent by email; empty for a shareable link.
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_uses__isnull=True) | models.Q(max_uses__gte=1),
                name="invitation_max_uses_positive",
            ),
        ]

    DEFAULT_DAYS = 14

    @classmethod
    def default_expiry(cls):
        return timezone.now() + timedelta(days=cls.DEFAULT_DAYS)

    @property
    def status(self) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        if self.max_uses is not None and self.uses >= self.max_uses:
            return self.Status.USED_UP
        return self.Status.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class RemovedMember(models.Model):
    """A facilitator removed this person: open invitation links no longer let them back in.

    They join again only through an email invitation to one of their addresses sent after
    the removal, which ends this row. Leaving of one's own accord keeps no such row.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="removed_member_once"),
        ]


class GroundRule(SharedWords):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ground_rules")
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="ground_rule_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def agreed_ids(self) -> set[int]:
        """Who agrees, from the prefetched agreements (no extra query)."""
        return {agreement.user_id for agreement in self.agreements.all()}


class GroundRuleRevision(EditedWording):
    rule = models.ForeignKey(GroundRule, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["rule", "version"], name="ground_rule_revision_unique"),
        ]


class Agreement(models.Model):
    """A member saying "I agree" to a ground rule."""

    rule = models.ForeignKey(GroundRule, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "user"], name="agreement_unique"),
        ]


class Activity(models.Model):
    """Something that happened in a project, told as a plain sentence."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created the project")
        EDITED = "edited", _("changed the project's aims")
        JOINED = "joined", _("joined the project")
        LEFT = "left", _("left the project")
        REMOVED = "removed", _("removed a member")
        ROLE = "role", _("changed a member's role")
        INVITED = "invited", _("created an invitation")
        INVITATIONS_STOPPED = "invitations_stopped", _("stopped the open invitation links")
        RULE_ADDED = "rule_added", _("added a ground rule")
        RULE_EDITED = "rule_edited", _("changed a ground rule")
        RULE_AGREED = "rule_agreed", _("agreed to a ground rule")
        SETTINGS = "settings", _("changed the project's settings")
        BREAK_STARTED = "break_started", _("is taking a break from the project")
        BREAK_COVERED = (
            "break_covered",
            _("is taking a break from the project; looking after it meanwhile"),
        )
        BREAK_ENDED = "break_ended", _("is back from a break")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=30)
    # A short quote or name that makes the sentence specific, e.g. the rule's words.
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "-created_at"], name="activity_recent")]

    def sentence(self) -> str:
        """The plain sentence shown in the activity list, without the actor's name."""
        label = ACTIVITY_LABELS.get(self.kind)
        return str(label) if label is not None else self.kind


# Other apps add the kinds of activity they record, with their sentences, here.
ACTIVITY_LABELS: dict[str, str] = dict(Activity.Kind.choices)


def register_activity_kinds(labels: dict[str, str]) -> None:
    ACTIVITY_LABELS.update(labels)


# -- setting words aside (projects/setting_aside) ------------------------------------

SET_ASIDE_KEEP_DAYS = 30
SET_ASIDE_REASON_LIMIT = 500


class SetAside(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="set_asides"
    )
    # Which kind of words ("postit", "note", "answer", "response", "thanks", "update"), and
    # which one.
    kind = models.CharField(max_length=20)
    item_id = models.PositiveBigIntegerField()
    # Moderation is never anonymous: whoever sets words aside is named to the group.
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rule = models.ForeignKey(
        "projects.GroundRule", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The rule's words when it was chosen: the notice keeps saying what the rule said then.
    rule_text = models.TextField()
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    put_back_at = models.DateTimeField(null=True, blank=True)
    put_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # When the daily command deleted the words for good, 30 days on.
    purged_at = models.DateTimeField(null=True, blank=True)
    # When the named author said "I accept this"; never set for anonymous words.
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "item_id"], name="set_aside_item")]
        constraints = [
            # Two people setting the same words aside at once: only one of them does.
            models.UniqueConstraint(
                fields=["kind", "item_id"],
                condition=models.Q(put_back_at__isnull=True, purged_at__isnull=True),
                name="set_aside_one_live_per_item",
            ),
            models.CheckConstraint(condition=~models.Q(rule_text=""), name="set_aside_has_rule"),
        ]

    @property
    def is_live(self) -> bool:
        return self.put_back_at is None and self.purged_at is None

    @property
    def purge_due_at(self):
        return self.created_at + timedelta(days=SET_ASIDE_KEEP_DAYS)


class LookRequest(models.Model):
    """A member asking the facilitators to look at some words, privately."""

    class Outcome(models.TextChoices):
        SET_ASIDE = "set_aside", "set aside"
        KEPT = "kept", "kept"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="look_requests"
    )
    kind = models.CharField(max_length=20)
    item_id = models.PositiveBigIntegerField()
    # Empty when the member chose to ask without their name.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whether the named author asked, after changing words that were set aside.
    by_author = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project", "closed_at"], name="look_request_open")]


def _live_for(model, outer: str = "pk"):
    return SetAside.objects.filter(
        kind=model.set_aside_kind,
        item_id=OuterRef(outer),
        put_back_at=None,
        purged_at=None,
    )


def is_set_aside(model, outer: str):
    """Whether the ``model`` words whose id is in the field ``outer`` are set aside now: for
    an annotation on something that links to them (a proposal about a post-it)."""
    return Exists(_live_for(model, outer))


class SetAsideQuerySet(models.QuerySet):
    """Every kind of words that can be set aside reads through this.

    ``visible()`` leaves out words set aside: for what summarises or copies the group's words
    (the report, the project file, the project home). ``with_set_aside()`` keeps them and says
    who set each aside and which rule it broke (``aside_pk``, ``aside_by``, ``aside_rule``),
    for pages that show the notice in the words' place. Each model names its kind in
    ``set_aside_kind``.
    """

    def visible(self):
        return self.exclude(Exists(_live_for(self.model)))

    def with_set_aside(self):
        live = _live_for(self.model)
        return self.annotate(
            aside_pk=Subquery(live.values("pk")[:1]),
            aside_by=Subquery(live.values("set_by__name")[:1]),
            aside_by_former=Subquery(live.values("set_by__is_former_member")[:1]),
            aside_rule=Subquery(live.values("rule_text")[:1]),
        )


class Update(models.Model):
    """News a facilitator shares with the group, for example what the work led to."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("Title"), max_length=120)
    body = models.TextField(_("What you want to tell the group"))
    created_at = models.DateTimeField(default=timezone.now)

    # Words that can be set aside: pages read them with .with_set_aside() or .visible().
    set_aside_kind = "update"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="update_title_not_empty"),
            models.CheckConstraint(condition=~models.Q(body=""), name="update_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title


class UpdateDelivery(models.Model):
    """One email of an update that went out: who it went to, at which address, and when."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            # Sending again (a retried task) must never email the same person twice.
            models.UniqueConstraint(fields=["update", "user"], name="update_delivery_unique"),
        ]


THANKS_LIMIT = 500


class Thanks(models.Model):
    """A thank-you from one member to another, or to the whole group (no ``to_user``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="thanks")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thanks_received",
    )
    message = models.CharField(max_length=THANKS_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)

    # Words that can be set aside: pages read them with .with_set_aside() or .visible().
    set_aside_kind = "thanks"
    objects = SetAsideQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "thanks"
        constraints = [
            models.CheckConstraint(condition=~models.Q(message=""), name="thanks_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(from_user=models.F("to_user")), name="thanks_not_to_self"
            ),
        ]
        indexes = [models.Index(fields=["project", "-created_at"], name="thanks_recent")]

    def __str__(self) -> str:
        return self.message


register_activity_kinds(
    {
        "update_posted": _("shared an update"),
        "thanked": _("said thank you"),
        "set_aside": _("set aside words that broke a ground rule"),
        "put_back": _("put back words that had been set aside"),
        "answered": _("answered an idea"),
        "answer_changed": _("changed the answer to an idea"),
    }
)


# The longest note a person can add about what helps them take part.
TAKING_PART_TEXT_LIMIT = 1000


class TakingPart(models.Model):
    """What helps one member take part: their access needs and how they like to contribute.

    One row per membership, kept only while there is something to say; it goes with the
    membership (leaving, being removed, deleting the account). Each choice is its own
    column, so a saved row can only hold choices the app knows about.
    """

    class Visibility(models.TextChoices):
        FACILITATORS = "facilitators", _("Only the facilitators")
        GROUP = "group", _("The whole group")

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="taking_part"
    )
    # Access needs.
    large_print = models.BooleanField(_("Large print"), default=False)
    papers_in_advance = models.BooleanField(
        _("Papers sent to me before the meeting"), default=False
    )
    captions = models.BooleanField(_("Captions: spoken words shown as text"), default=False)
    bsl_interpreter = models.BooleanField(
        _("A British Sign Language (BSL) interpreter"), default=False
    )
    step_free = models.BooleanField(_("Step-free access: no stairs or steps"), default=False)
    breaks = models.BooleanField(_("Regular breaks"), default=False)
    quiet_space = models.BooleanField(_("A quiet space to go to"), default=False)
    travel_support = models.BooleanField(_("Help with travel to the meeting"), default=False)
    hearing_loop = models.BooleanField(_("A hearing loop, for hearing aids"), default=False)
    met_on_arrival = models.BooleanField(_("Someone to meet me when I arrive"), default=False)
    other_needs = models.TextField(_("Anything else that helps"), blank=True)
    # How they like to contribute.
    in_meeting = models.BooleanField(_("Speaking in the meeting"), default=False)
    one_to_one = models.BooleanField(_("A one-to-one conversation"), default=False)
    in_writing = models.BooleanField(
        _("Writing my thoughts down before the meeting"), default=False
    )
    by_email = models.BooleanField(_("By email"), default=False)
    by_phone = models.BooleanField(_("By phone"), default=False)
    # Whether another member may add this person's words for them, when given another way.
    words_on_behalf = models.BooleanField(default=False)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.FACILITATORS
    )
    updated_at = models.DateTimeField(default=timezone.now)

    NEEDS = (
        "large_print",
        "papers_in_advance",
        "captions",
        "bsl_interpreter",
        "step_free",
        "breaks",
        "quiet_space",
        "travel_support",
        "hearing_loop",
        "met_on_arrival",
    )
    WAYS = ("in_meeting", "one_to_one", "in_writing", "by_email", "by_phone")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=["facilitators", "group"]),
                name="taking_part_visibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"What helps {self.membership.user} take part"

    @classmethod
    def label(cls, name: str) -> str:
        return cls._meta.get_field(name).verbose_name

    @property
    def is_for_the_group(self) -> bool:
        return self.visibility == self.Visibility.GROUP

    def needs(self) -> list[str]:
        """The labels of the ticked access needs, in the form's order."""
        return [self.label(name) for name in self.NEEDS if getattr(self, name)]

    def ways(self) -> list[str]:
        """The labels of the ticked ways to contribute, in the form's order."""
        return [self.label(name) for name in self.WAYS if getattr(self, name)]
