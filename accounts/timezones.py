"""The plain choice of time zones a project or a person can pick from.

A short list of the zones groups are likely to meet in, named by the place people
recognise, rather than every zone in the world. The site's own ``TIME_ZONE`` is always
on it, and is the default for a new project.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

COMMON_ZONES = [
    ("Europe/London", _("UK (London, Cardiff, Edinburgh, Belfast)")),
    ("Europe/Dublin", _("Ireland (Dublin)")),
    ("Europe/Lisbon", _("Portugal (Lisbon)")),
    ("Europe/Paris", _("Central Europe (Paris, Berlin, Madrid, Rome)")),
    ("Europe/Athens", _("Eastern Europe (Athens, Helsinki)")),
    ("America/New_York", _("US and Canada, Eastern (New York, Toronto)")),
    ("America/Chicago", _("US and Canada, Central (Chicago)")),
    ("America/Denver", _("US and Canada, Mountain (Denver)")),
    ("America/Los_Angeles", _("US and Canada, Pacific (Los Angeles, Vancouver)")),
    ("Asia/Kolkata", _("India (Delhi, Mumbai)")),
    ("Australia/Sydney", _("Australia, Eastern (Sydney, Melbourne)")),
    ("Pacific/Auckland", _("New Zealand (Auckland)")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]


def default_time_zone() -> str:
    return settings.TIME_ZONE


def time_zone_choices() -> list[tuple[str, str]]:
    """The common zones, with the site's own first if it is not one of them."""
    names = [name for name, _label in COMMON_ZONES]
    if settings.TIME_ZONE in names:
        return list(COMMON_ZONES)
    return [(settings.TIME_ZONE, settings.TIME_ZONE), *COMMON_ZONES]


def zone(name: str) -> ZoneInfo:
    """The zone of that name, or the site's own for an empty or unknown one."""
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ValueError, KeyError, OSError):
        return ZoneInfo(settings.TIME_ZONE)


def zone_label(name: str) -> str:
    return str(dict(time_zone_choices()).get(name, name))
