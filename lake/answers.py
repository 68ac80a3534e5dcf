"""The lake's kind of idea the group answers: post-its. Listed in sharing/answers.py.

Answering a post-it redraws it on every board through the lake's own counter, so open boards
show the answer at their next poll. "We're taking this forward" may add an action to the
action plan: about the mark the post-it came from, or else about the whole project.
"""

from django.utils.translation import gettext_lazy as _

from marks.actions import services as actions
from marks.models import ACTION_TEXT_LIMIT, Action
from projects.answers.kinds import AnswerKind

from . import services
from .aside import _where
from .models import PostIt, PostItAnswer


def _make_action(postit: PostIt, *, actor, text: str) -> Action:
    return actions.action_taking_forward(
        project=postit.project, actor=actor, text=text, mark=postit.mark
    )


POSTIT = AnswerKind(
    key="postit",
    label=_("post-it"),
    label_plural=_("post-its"),
    model=PostIt,
    project_path="project",
    text_field="text",
    where=_where,
    history=PostItAnswer,
    history_field="postit",
    make_action=_make_action,
    action_limit=ACTION_TEXT_LIMIT,
    mark_of=lambda postit: postit.mark,
    redraw=lambda postit: services.postit_redraw(postit=postit),
    related=("mark",),
    shown=lambda postit: postit.deleted_at is None,
    current={"deleted_at": None},
)
