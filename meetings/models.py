"""A project's meetings: the times offered, everyone's answers, where and how, who came."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from projects.shared_words.models import EditedWording, SharedWords

TITLE_LIMIT = 120
NOTE_LIMIT = 1000
ANSWER_NOTE_LIMIT = 200
DETAIL_LIMIT = 1000
THOUGHTS_LIMIT = 2000
MIN_OPTIONS = 2
MAX_OPTIONS = 30


class Fact(models.TextChoices):
    """An access fact: known to be there, known not to be, or nobody has said."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class Meeting(models.Model):
    """A meeting of the group: planned while its time is found, then set, then past."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    # Stays the same for the meeting's whole life, so calendars update their copy.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("What the meeting is for"), max_length=TITLE_LIMIT)
    note = models.TextField(_("A note for the group"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The time the group settled on; empty while the poll is open.
    chosen = models.ForeignKey(
        "MeetingOption", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    # Set when a facilitator ends the meeting: what comes after it (the check-out, the record)
    # starts from here.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Goes up with every change a calendar should pick up (the time, the place, the link).
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    # Where and how: every field optional, in plain words.
    in_person = models.BooleanField(_("In a place"), default=False)
    online = models.BooleanField(_("Online"), default=False)
    address = models.TextField(_("Address"), blank=True)
    directions = models.TextField(
        _("How to get there"),
        blank=True,
        help_text=_("For example: buses that stop nearby, parking, the nearest station."),
    )
    step_free = models.CharField(
        _("Step-free entrance"), max_length=3, choices=Fact.choices, blank=True
    )
    accessible_toilet = models.CharField(
        _("Accessible toilet"), max_length=3, choices=Fact.choices, blank=True
    )
    hearing_loop = models.CharField(
        _("Hearing loop"), max_length=3, choices=Fact.choices, blank=True
    )
    quiet_room = models.CharField(_("Quiet room"), max_length=3, choices=Fact.choices, blank=True)
    food_and_drink = models.TextField(
        _("Food and drink"),
        blank=True,
        help_text=_("For example: tea and a sandwich lunch; tell us what you can't eat."),
    )
    arrival_contact = models.TextField(
        _("Who to call when you arrive"),
        blank=True,
        help_text=_("A name and a phone number, for anyone who can't find the room."),
    )
    link = models.URLField(
        _("Link to join online"),
        max_length=500,
        blank=True,
        help_text=_("A web address starting with https:// or http://."),
    )
    phone_join = models.TextField(
        _("How to join by phone"),
        blank=True,
        help_text=_("A number to call and any code to enter."),
    )
    cameras_optional = models.CharField(
        _("Cameras are optional"), max_length=3, choices=Fact.choices, blank=True
    )
    what_to_expect = models.TextField(
        _("What to expect"),
        blank=True,
        help_text=_("For example: who will be there, how long it lasts, when the breaks are."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "created_at"], name="meeting_project_order")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="meeting_title_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("title"), TITLE_LIMIT),
                name="meeting_title_length",
            ),
            models.CheckConstraint(
                condition=models.Q(link="")
                | models.Q(link__startswith="https://")
                | models.Q(link__startswith="http://"),
                name="meeting_link_is_web_address",
            ),
            models.CheckConstraint(
                condition=models.Q(chosen__isnull=True) | models.Q(chosen_at__isnull=False),
                name="meeting_chosen_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(chosen__isnull=False),
                name="meeting_ended_after_chosen",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_planned(self) -> bool:
        """Still finding a time: the poll is open."""
        return self.chosen_id is None

    @property
    def has_ended(self) -> bool:
        """A facilitator has ended the meeting."""
        return self.ended_at is not None


class MeetingOption(models.Model):
    """One possible time for a meeting, stored in UTC."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_option_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class Answer(models.Model):
    """One member's answer to one possible time; changed in place, never doubled."""

    class Value(models.TextChoices):
        YES = "yes", _("Yes")
        IF_NEED_BE = "if_need_be", _("If I must")
        NO = "no", _("No")

    option = models.ForeignKey(MeetingOption, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_answers"
    )
    value = models.CharField(max_length=12, choices=Value.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="meeting_answer_unique"),
            models.CheckConstraint(
                condition=models.Q(value__in=["yes", "if_need_be", "no"]),
                name="meeting_answer_value_valid",
            ),
        ]


class AnswerNote(models.Model):
    """A short note with someone's answers, e.g. "I need to leave by 3 for school pick-up"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answer_notes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=ANSWER_NOTE_LIMIT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_answer_note_unique"),
            models.CheckConstraint(condition=~models.Q(text=""), name="meeting_answer_note_text"),
        ]


class Attendance(models.Model):
    """Whether a member is coming to a meeting, and how: the record payments will use."""

    class Status(models.TextChoices):
        IN_PERSON = "in_person", _("Coming in person")
        ONLINE = "online", _("Joining online")
        NOT_COMING = "not_coming", _("Not this time")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_attendances"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_attendance_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["in_person", "online", "not_coming"]),
                name="meeting_attendance_status_valid",
            ),
        ]

    @property
    def is_coming(self) -> bool:
        return self.status != self.Status.NOT_COMING


class Thoughts(models.Model):
    """What a member who can't come wants the meeting to hear; anonymous ones store no author."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="thoughts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "thoughts"
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="meeting_thoughts_text"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), THOUGHTS_LIMIT),
                name="meeting_thoughts_length",
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="meeting_thoughts_anonymous_has_no_author",
            ),
        ]


class EmailChoice(models.Model):
    """A member's own choice to get this project's meeting emails; off until they say yes."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.BooleanField(_("Email me about this project's meetings"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="meeting_email_choice_unique"),
        ]


class Delivery(models.Model):
    """One meeting email that went out, so a retry or a second run never sends it again."""

    class Kind(models.TextChoices):
        CHOSEN = "chosen", _("The time was chosen")
        REMINDER = "reminder", _("Reminder the day before")
        # One per change of the meeting (its sequence), and one check-out per meeting.
        CHANGED = "changed", _("What changed")
        CHECK_OUT = "check_out", _("How are you after the meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The meeting's sequence when sent: a reminder is for the time as it then stood.
    sequence = models.PositiveIntegerField(default=0)
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "kind"],
                condition=~models.Q(kind="changed"),
                name="meeting_delivery_unique",
            ),
            # A change notice is sent once for each change: the sequence tells them apart.
            models.UniqueConstraint(
                fields=["meeting", "user", "kind", "sequence"],
                condition=models.Q(kind="changed"),
                name="meeting_delivery_change_unique",
            ),
        ]


# -- after the meeting: support contacts, the check-out, the notes ----------------------

SUPPORT_NAME_LIMIT = 100
SUPPORT_REACH_LIMIT = 200
SUPPORT_OFFER_LIMIT = 200
MAX_SUPPORT_CONTACTS = 12
CHECK_OUT_WORDS_LIMIT = 500
MEETING_NOTES_LIMIT = 10000


class SupportContact(models.Model):
    """Someone the group agreed people can turn to after a meeting, set by facilitators."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="support_contacts")
    name = models.CharField(_("Name"), max_length=SUPPORT_NAME_LIMIT)
    reach = models.CharField(_("Phone number or link"), max_length=SUPPORT_REACH_LIMIT)
    offer = models.CharField(_("What they offer"), max_length=SUPPORT_OFFER_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="support_contact_name"),
            models.CheckConstraint(condition=~models.Q(reach=""), name="support_contact_reach"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_link(self) -> bool:
        return self.reach.lower().startswith(("https://", "http://"))


class CheckOut(models.Model):
    """How one person is after a meeting: private to them.

    Others learn only how many asked to talk, and the name of someone who asked only when
    ``share_name`` says they chose to give it.
    """

    class Feeling(models.TextChoices):
        FINE = "fine", _("Fine")
        TIRED = "tired", _("Tired")
        MIXED = "mixed", _("A bit mixed")
        UPSET = "upset", _("Upset")
        TALK = "talk", _("I'd like to talk to someone")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="check_outs")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_check_outs"
    )
    feeling = models.CharField(max_length=8, choices=Feeling.choices, blank=True)
    words = models.TextField(blank=True)
    share_name = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="check_out_unique"),
            models.CheckConstraint(
                condition=models.Q(feeling__in=["", "fine", "tired", "mixed", "upset", "talk"]),
                name="check_out_feeling_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(feeling="", words=""), name="check_out_not_empty"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("words"), CHECK_OUT_WORDS_LIMIT),
                name="check_out_words_length",
            ),
            # A name is only ever given with a wish to talk.
            models.CheckConstraint(
                condition=models.Q(share_name=False) | models.Q(feeling="talk"),
                name="check_out_name_only_to_talk",
            ),
        ]

    @property
    def wants_to_talk(self) -> bool:
        return self.feeling == self.Feeling.TALK


class MeetingNotes(SharedWords):
    """What was said and decided at a meeting: any member may add to it, every wording kept."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("Notes of the meeting"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "meeting notes"
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="meeting_notes_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MEETING_NOTES_LIMIT),
                name="meeting_notes_length",
            ),
        ]


class MeetingNotesRevision(EditedWording):
    notes = models.ForeignKey(MeetingNotes, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["notes", "version"], name="meeting_notes_revision_unique"
            ),
        ]


# -- the agenda ---------------------------------------------------------------------
# The items a meeting works through, in order, and where the meeting has got to.

AGENDA_TEXT_LIMIT = 300
AGENDA_MAX_MINUTES = 240
AGENDA_MAX_ITEMS = 40


class AgendaItem(models.Model):
    """One item of a meeting's agenda, at a place in its order."""

    class Kind(models.TextChoices):
        MARK = "mark", _("A mark to talk about and score")
        LAKE = "lake", _("Five minutes with the lake of ideas")
        CHECKIN = "checkin", _("A check-in question")
        ICEBREAKER = "icebreaker", _("An icebreaker (always optional)")
        BREAK = "break", _("A break")
        PROPOSAL = "proposal", _("A proposal to decide, if there is time")
        OTHER = "other", _("Something else")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    # 1, 2, 3 ... with no gaps; one item per place.
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The question, the icebreaker's words, or the item in plain words.
    text = models.CharField(max_length=AGENDA_TEXT_LIMIT, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    mark = models.ForeignKey(
        "marks.Mark", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    proposal = models.ForeignKey(
        "decisions.Proposal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_one_per_place"
            ),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="agenda_position"),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["mark", "lake", "checkin", "icebreaker", "break", "proposal", "other"]
                ),
                name="agenda_item_kind_valid",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), AGENDA_TEXT_LIMIT),
                name="agenda_item_text_length",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__isnull=True)
                | models.Q(minutes__gte=1, minutes__lte=AGENDA_MAX_MINUTES),
                name="agenda_item_minutes_range",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="mark", mark__isnull=False)
                | (~models.Q(kind="mark") & models.Q(mark__isnull=True)),
                name="agenda_item_mark_for_mark_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="proposal", proposal__isnull=False)
                | (~models.Q(kind="proposal") & models.Q(proposal__isnull=True)),
                name="agenda_item_proposal_for_proposal_kind",
            ),
            # A question, an icebreaker and "something else" need their words.
            models.CheckConstraint(
                condition=~models.Q(kind__in=["checkin", "icebreaker", "other"], text=""),
                name="agenda_item_words_where_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()}"


class Agenda(models.Model):
    """A meeting's agenda as a whole: its version (for ordering) and the item now up."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, primary_key=True, related_name="agenda"
    )
    # Goes up with every change to the order, so a form sent from an older order is refused.
    version = models.PositiveIntegerField(default=0)
    # Set when a facilitator starts the meeting; the screen follows ``current``.
    started_at = models.DateTimeField(null=True, blank=True)
    current = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    @property
    def is_started(self) -> bool:
        return self.started_at is not None
