"""The decisions' kind of words that can be set aside: the reasons given in proposal responses.

Listed in sharing/setting_aside.py. A response is private until its proposal closes (nobody
else can read it, named or not), so until then it cannot be set aside or asked about: the
control is only beside responses on a closed proposal's page, where the group reads them.
An anonymous response stores no author, so setting it aside names nobody and tells nobody.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.setting_aside.kinds import Kind

from .models import REASON_LIMIT, Response


def _where(response: Response) -> str:
    proposal = response.proposal
    return (
        reverse("proposals:proposal", args=[proposal.project_id, proposal.pk])
        + f"#response-{response.pk}"
    )


RESPONSE = Kind(
    key=Response.set_aside_kind,
    label=_("proposal response"),
    model=Response,
    project_path="proposal__project",
    author_path="author",
    text_field="reason",
    limit=REASON_LIMIT,
    where=_where,
    related=("proposal",),
    # Only once the proposal has closed, and only a response with words of its own.
    shown=lambda response: response.proposal.closed_at is not None and bool(response.reason),
)
