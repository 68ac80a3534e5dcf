"""The projects app's own kinds of words that can be set aside: thank-yous and updates.

Listed, with every other app's kinds, in sharing/setting_aside.py.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import TEXT_LIMIT, THANKS_LIMIT, Thanks, Update
from .kinds import Kind

THANKS = Kind(
    key=Thanks.set_aside_kind,
    label=_("thank-you"),
    model=Thanks,
    project_path="project",
    author_path="from_user",
    text_field="message",
    limit=THANKS_LIMIT,
    where=lambda thanks: reverse("completing:thanks", args=[thanks.project_id]),
)

UPDATE = Kind(
    key=Update.set_aside_kind,
    label=_("update"),
    model=Update,
    project_path="project",
    author_path="author",
    text_field="body",
    limit=TEXT_LIMIT,
    where=lambda update: reverse("completing:updates", args=[update.project_id]),
    quoted_by=("update_posted",),
    quotes=lambda update: [update.title],
)
