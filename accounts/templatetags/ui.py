"""Template helpers shared by every app's forms."""

from datetime import date, datetime, timedelta

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def widget(field: BoundField) -> str:
    """Render a field's input tied to its hint and error by aria-describedby."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def ago(moment) -> str:
    """How long ago, in plain words: "just now" for the last minute, else "5 minutes ago"."""
    if moment is None:
        return ""
    if timezone.now() - moment < timedelta(minutes=1):
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": timesince(moment)}


@register.filter(expects_localtime=True)
def machine_time(moment: date | datetime | None) -> str:
    """A date or moment as a ``<time datetime>`` value, to the second.

    HTML allows at most three digits for a fraction of a second; stored moments have six.
    """
    if moment is None or moment == "":
        return ""
    if isinstance(moment, datetime):
        moment = moment.replace(microsecond=0)
    return moment.isoformat()
