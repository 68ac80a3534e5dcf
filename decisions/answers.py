"""The decisions' kind of idea the group answers: proposals. Listed in sharing/answers.py.

The answer is apart from the proposal's outcome: the outcome says what the responses were,
the answer what the group does about it. "We're taking this forward" may add an action to the
action plan: about the proposal's mark, or else about the whole project.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marks.actions import services as actions
from marks.models import ACTION_TEXT_LIMIT, Action
from projects.answers.kinds import AnswerKind

from .models import Proposal, ProposalAnswer


def _make_action(proposal: Proposal, *, actor, text: str) -> Action:
    return actions.action_taking_forward(
        project=proposal.project, actor=actor, text=text, mark=proposal.mark
    )


PROPOSAL = AnswerKind(
    key="proposal",
    label=_("proposal"),
    label_plural=_("proposals"),
    model=Proposal,
    project_path="project",
    text_field="title",
    where=lambda proposal: (
        reverse("proposals:proposal", args=[proposal.project_id, proposal.pk]) + "#answer"
    ),
    history=ProposalAnswer,
    history_field="proposal",
    make_action=_make_action,
    action_limit=ACTION_TEXT_LIMIT,
    mark_of=lambda proposal: proposal.mark,
    related=("mark",),
)
