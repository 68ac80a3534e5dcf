"""Template helpers shared by every app's forms."""

from django import template
from django.forms import BoundField

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
