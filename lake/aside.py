"""The lake's kind of words that can be set aside: post-its. Listed in sharing/setting_aside.py.

Setting a post-it aside, or putting it back, redraws it on every board through the lake's own
counter (``services.postit_redraw``), so open boards show the notice at their next poll.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.setting_aside.kinds import Kind

from . import services
from .models import TEXT_LIMIT, PostIt


def _where(postit: PostIt) -> str:
    return reverse("lake:board", args=[postit.project_id]) + f"#postit-{postit.pk}"


POSTIT = Kind(
    key=PostIt.set_aside_kind,
    label=_("post-it"),
    model=PostIt,
    project_path="project",
    author_path="author",
    text_field="text",
    limit=TEXT_LIMIT,
    where=_where,
    redraw=lambda postit: services.postit_redraw(postit=postit),
    related=("project",),
    quoted_by=("postit_edited", "postit_deleted", "postit_restored"),
    # Each line quotes the first 80 characters of the wording of its time.
    quotes=lambda postit: [r.text[:80] for r in postit.revisions.all()] + [postit.text[:80]],
    shown=lambda postit: postit.deleted_at is None,
)
