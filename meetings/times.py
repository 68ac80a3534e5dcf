"""Meeting times in words: in the project's time zone, and the person's own when it differs."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.timezones import zone, zone_label
from projects.models import Project


def aware(day: date, clock: time, zone_name: str) -> datetime:
    """A wall-clock time in a zone, as an aware datetime (``fold`` picks the first of a repeat)."""
    return datetime.combine(day, clock, tzinfo=zone(zone_name))


def exists(moment: datetime) -> bool:
    """False for a wall-clock time that a clock change skips (e.g. 01:30 on the spring day)."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def span(start: datetime, end: datetime, zone_name: str) -> str:
    """E.g. "Tuesday 3 March 2026, 14:00 to 15:30" in that zone."""
    tz = zone(zone_name)
    start, end = start.astimezone(tz), end.astimezone(tz)
    day = date_format(start, "l j F Y")
    if start.date() == end.date():
        return _("%(day)s, %(start)s to %(end)s") % {
            "day": day,
            "start": time_format(start, "H:i"),
            "end": time_format(end, "H:i"),
        }
    return _("%(day)s, %(start)s to %(end_day)s, %(end)s") % {
        "day": day,
        "start": time_format(start, "H:i"),
        "end_day": date_format(end, "l j F Y"),
        "end": time_format(end, "H:i"),
    }


@dataclass(frozen=True)
class Zones:
    """The zones a page shows times in: the project's, and the reader's own if different."""

    project: str
    own: str

    @classmethod
    def for_reader(cls, project: Project, user: User) -> "Zones":
        own = getattr(user, "time_zone", "") or ""
        return cls(project.time_zone, own if own and own != project.time_zone else "")

    @property
    def project_label(self) -> str:
        return zone_label(self.project)

    @property
    def own_label(self) -> str:
        return zone_label(self.own) if self.own else ""

    def describe(self, start: datetime, end: datetime) -> str:
        """The time in the project's zone, then the reader's own in brackets when it differs."""
        words = span(start, end, self.project)
        if not self.own:
            return words
        return _("%(time)s (your time: %(own)s)") % {
            "time": words,
            "own": span(start, end, self.own),
        }
