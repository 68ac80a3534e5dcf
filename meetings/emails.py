"""The emails that tell people about meetings: a task, as project updates are sent.

Only members who chose "Email me about this project's meetings" (``EmailChoice``, off
until they say yes) get them. Each email is claimed by a ``Delivery`` row before it goes,
so a retried task or a second run of the reminders never sends the same one twice.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.language import speaking_to
from accounts.models import User
from accounts.timezones import zone
from projects.models import Membership

from .calendar import calendar_file, filename, where
from .models import Answer, Attendance, Delivery, EmailChoice, Meeting, SupportContact
from .times import Zones


def _wants_email(meeting: Meeting):
    """Current members of the project who chose meeting emails."""
    chose = EmailChoice.objects.filter(project_id=meeting.project_id, email=True).values("user_id")
    members = Membership.objects.filter(project_id=meeting.project_id).emailed().values("user_id")
    return User.objects.filter(pk__in=chose).filter(pk__in=members, is_active=True)


def _message(meeting: Meeting, user: User, kind: str) -> EmailMultiAlternatives:
    with speaking_to(user):
        return _message_in_their_language(meeting, user, kind)


def _message_in_their_language(meeting: Meeting, user: User, kind: str) -> EmailMultiAlternatives:
    zones = Zones.for_reader(meeting.project, user)
    ctx = {
        "meeting": meeting,
        "project": meeting.project,
        "name": user.name,
        "when": zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at),
        "zone": zones.project_label,
        "where": where(meeting),
        "url": settings.SITE_URL
        + reverse("meetings:meeting", args=[meeting.project_id, meeting.pk]),
        "choices_url": settings.SITE_URL + reverse("meetings:meetings", args=[meeting.project_id]),
    }
    if kind == Delivery.Kind.CHOSEN:
        subject = _("%(project)s: the time for “%(title)s” is set")
        body = render_to_string("meetings/email/chosen.txt", ctx)
    else:
        subject = _("%(project)s: “%(title)s” is tomorrow")
        body = render_to_string("meetings/email/reminder.txt", ctx)
    message = EmailMultiAlternatives(
        subject=subject % {"project": meeting.project.name, "title": meeting.title},
        body=body,
        to=[user.email],
    )
    message.attach(filename(meeting), calendar_file(meeting), "text/calendar")
    return message


def _send(meeting: Meeting, users, kind: str) -> int:
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            try:
                with transaction.atomic():
                    claim = Delivery.objects.create(
                        meeting=meeting,
                        user=user,
                        kind=kind,
                        sequence=meeting.sequence,
                        email=user.email,
                    )
            except IntegrityError:
                # Sent already, by an earlier run or another worker at this moment.
                continue
            try:
                _message(meeting, user, kind).send()
            except Exception:
                # Not sent: give the claim back so the next try sends it.
                claim.delete()
                raise
            sent += 1
    return sent


@task
def send_meeting_chosen(meeting_id: int) -> int:
    """Tell everyone who answered the poll (and chose email) the time that was chosen."""
    meeting = Meeting.objects.select_related("project", "chosen").filter(pk=meeting_id).first()
    if meeting is None or meeting.chosen is None:
        return 0
    answered = Answer.objects.filter(option__meeting=meeting).values("user_id")
    users = _wants_email(meeting).filter(pk__in=answered).order_by("pk")
    return _send(meeting, users, Delivery.Kind.CHOSEN)


def due_for_reminder(now=None):
    """Meetings with a set time that starts later today or tomorrow, in their project's zone."""
    now = now or timezone.now()
    # A wide first cut in the database; the day is then checked in each project's own zone.
    candidates = Meeting.objects.filter(
        chosen__starts_at__gt=now,
        chosen__starts_at__lte=now + timedelta(days=2, hours=14),
        project__completed_at__isnull=True,
    ).select_related("project", "chosen")
    for meeting in candidates:
        local_now = now.astimezone(zone(meeting.project.time_zone))
        local_start = meeting.chosen.starts_at.astimezone(zone(meeting.project.time_zone))
        if local_start.date() <= local_now.date() + timedelta(days=1):
            yield meeting


def send_reminders(now=None) -> int:
    """The reminder for each meeting due one, to members who chose email and aren't staying away."""
    sent = 0
    for meeting in due_for_reminder(now):
        staying_away = Attendance.objects.filter(
            meeting=meeting, status=Attendance.Status.NOT_COMING
        ).values("user_id")
        users = _wants_email(meeting).exclude(pk__in=staying_away).order_by("pk")
        sent += _send(meeting, users, Delivery.Kind.REMINDER)
    return sent


# -- after a change, and after the meeting ---------------------------------------------


def _send_each(meeting: Meeting, users, kind: str, sequence: int, build) -> int:
    """Claim, then send, one email per person: ``build(user)`` makes it."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            try:
                with transaction.atomic():
                    claim = Delivery.objects.create(
                        meeting=meeting, user=user, kind=kind, sequence=sequence, email=user.email
                    )
            except IntegrityError:
                continue
            try:
                with speaking_to(user):
                    message = build(user)
                message.send()
            except Exception:
                claim.delete()
                raise
            sent += 1
    return sent


def _links(meeting: Meeting) -> dict:
    return {
        "url": settings.SITE_URL
        + reverse("meetings:meeting", args=[meeting.project_id, meeting.pk]),
        "choices_url": settings.SITE_URL + reverse("meetings:meetings", args=[meeting.project_id]),
    }


@task
def send_meeting_changed(meeting_id: int, sequence: int, changed: list[str]) -> int:
    """Tell members who chose email what changed about a meeting whose time is set.

    Once for each change: the meeting's ``sequence`` at the change is part of the claim. The
    calendar file attached carries the same UID and the new sequence, so calendars update
    their entry. Nobody who said "not this time" is told.
    """
    meeting = Meeting.objects.select_related("project", "chosen").filter(pk=meeting_id).first()
    if meeting is None or meeting.chosen is None or meeting.has_ended:
        return 0
    labels = []
    for name in changed:
        try:
            labels.append(str(Meeting._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            # A field renamed since the change was queued: the rest still say what changed.
            continue
    staying_away = Attendance.objects.filter(
        meeting=meeting, status=Attendance.Status.NOT_COMING
    ).values("user_id")
    users = _wants_email(meeting).exclude(pk__in=staying_away).order_by("pk")

    def build(user: User) -> EmailMultiAlternatives:
        zones = Zones.for_reader(meeting.project, user)
        ctx = {
            "meeting": meeting,
            "project": meeting.project,
            "name": user.name,
            "changed": labels,
            "when": zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at),
            "zone": zones.project_label,
            "where": where(meeting),
            **_links(meeting),
        }
        message = EmailMultiAlternatives(
            subject=_("%(project)s: “%(title)s” has changed")
            % {"project": meeting.project.name, "title": meeting.title},
            body=render_to_string("meetings/email/changed.txt", ctx),
            to=[user.email],
        )
        message.attach(filename(meeting), calendar_file(meeting), "text/calendar")
        return message

    return _send_each(meeting, users, Delivery.Kind.CHANGED, sequence, build)


@task
def send_check_out(meeting_id: int) -> int:
    """After a meeting ends: the gentle "how are you?" to each person who came and chose email."""
    meeting = Meeting.objects.select_related("project").filter(pk=meeting_id).first()
    if meeting is None or not meeting.has_ended:
        return 0
    came = Attendance.objects.filter(
        meeting=meeting, status__in=[Attendance.Status.IN_PERSON, Attendance.Status.ONLINE]
    ).values("user_id")
    users = _wants_email(meeting).filter(pk__in=came).order_by("pk")
    contacts = list(SupportContact.objects.filter(project_id=meeting.project_id))

    def build(user: User) -> EmailMultiAlternatives:
        ctx = {
            "meeting": meeting,
            "project": meeting.project,
            "name": user.name,
            "contacts": contacts,
            "check_out_url": settings.SITE_URL
            + reverse("after:check_out", args=[meeting.project_id, meeting.pk]),
            **_links(meeting),
        }
        return EmailMultiAlternatives(
            subject=_("%(project)s: how are you after “%(title)s”?")
            % {"project": meeting.project.name, "title": meeting.title},
            body=render_to_string("meetings/email/check_out.txt", ctx),
            to=[user.email],
        )

    return _send_each(meeting, users, Delivery.Kind.CHECK_OUT, meeting.sequence, build)
