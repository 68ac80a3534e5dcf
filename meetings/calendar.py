"""A meeting's calendar file (.ics), made with the icalendar library.

The UID stays the same for the meeting's whole life and SEQUENCE goes up with every
change, so a calendar that already has the meeting updates it instead of adding another.
Times are written in UTC, which every calendar reads and shows in its own zone.
"""

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Fact, Meeting

PRODUCT = "-//Mark of co-production//Meetings//EN"


def _fact(label: str, value: str) -> str | None:
    if value == Fact.YES:
        return _("%(fact)s: yes") % {"fact": label}
    if value == Fact.NO:
        return _("%(fact)s: no") % {"fact": label}
    return None


def where(meeting: Meeting) -> str:
    """The place or the link, on one line, for a calendar's location."""
    parts = []
    if meeting.in_person and meeting.address:
        parts.append(" ".join(meeting.address.split()))
    if meeting.online and meeting.link:
        parts.append(meeting.link)
    return " / ".join(parts)


def description(meeting: Meeting) -> str:
    """Where and how in plain lines, and the meeting's page for everything else."""
    lines = []
    if meeting.note:
        lines.append(meeting.note)
    if meeting.in_person:
        lines.append(_("In a place."))
        for name in ("address", "directions", "food_and_drink", "arrival_contact"):
            value = getattr(meeting, name)
            if value:
                lines.append(f"{meeting._meta.get_field(name).verbose_name}: {value}")
        for name in ("step_free", "accessible_toilet", "hearing_loop", "quiet_room"):
            fact = _fact(str(meeting._meta.get_field(name).verbose_name), getattr(meeting, name))
            if fact:
                lines.append(fact)
    if meeting.online:
        lines.append(_("Online."))
        for name in ("link", "phone_join", "what_to_expect"):
            value = getattr(meeting, name)
            if value:
                lines.append(f"{meeting._meta.get_field(name).verbose_name}: {value}")
        fact = _fact(
            str(meeting._meta.get_field("cameras_optional").verbose_name), meeting.cameras_optional
        )
        if fact:
            lines.append(fact)
    lines.append(
        _("Everything about this meeting: %(url)s")
        % {
            "url": settings.SITE_URL
            + reverse("meetings:meeting", args=[meeting.project_id, meeting.pk])
        }
    )
    return "\n".join(lines)


def calendar_file(meeting: Meeting) -> bytes:
    """The .ics file of a meeting whose time is set."""
    chosen = meeting.chosen
    if chosen is None:
        raise ValueError("A meeting without a set time has no calendar file.")
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-timezone", meeting.project.time_zone)
    event = Event()
    event.add("uid", f"{meeting.uid}@{_host()}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("dtstart", chosen.starts_at.astimezone(UTC))
    event.add("dtend", chosen.ends_at.astimezone(UTC))
    event.add(
        "summary",
        _("%(project)s: %(title)s") % {"project": meeting.project.name, "title": meeting.title},
    )
    location = where(meeting)
    if location:
        event.add("location", location)
    if meeting.online and meeting.link:
        event.add("url", meeting.link)
    event.add("description", description(meeting))
    cal.add_component(event)
    return cal.to_ical()


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def filename(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}.ics"
