"""The kinds of words that can be set aside, each described by the app that owns them.

Each app offers its kinds in its own ``aside.py`` (the lake's post-its, the marks' notes, the
check-ins' answers, the decisions' proposal responses; ``projects.setting_aside.own`` holds
thank-yous and updates), and ``sharing/setting_aside.py`` lists them all and registers them
here when the apps are ready: this package sits below those apps and cannot import them. A kind added later is one more
``Kind`` in its app and one more line in that list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import Http404

from ..shared_words.models import SharedWords
from ..shared_words.services import words_save


@dataclass(frozen=True)
class Kind:
    key: str
    # What the group calls one of these, e.g. "post-it", in a sentence.
    label: str
    model: type[models.Model]
    # The lookup from the words to their project, e.g. "mark__project" for a note.
    project_path: str
    # The lookup from the words to whoever wrote them under their name. Anonymous words
    # store no author, so this finds nobody for them: their writer cannot be told.
    author_path: str
    # The field that holds the words.
    text_field: str
    # The longest the words may be when their author changes them.
    limit: int
    # Where the words are shown, to link back to them.
    where: Callable[[models.Model], str]
    # Tells a live page that polls its own counter (the lake) to redraw the words. It is
    # called first in the transaction, so it may take the page's lock before anything else.
    redraw: Callable[[models.Model], None] | None = None
    # Extra ``select_related`` for ``where``, ``shown`` and the author check.
    related: tuple[str, ...] = ()
    # Whether the group can read the words now: not while they are removed, nor (for a
    # check-in's answers and a proposal's responses) before it has closed.
    shown: Callable[[models.Model], bool] = lambda item: True
    # The activity lines that quote the words (their kinds), and what they quote: setting the
    # words aside takes the quotes out of the activity, for good.
    quoted_by: tuple[str, ...] = ()
    quotes: Callable[[models.Model], list[str]] = lambda item: []

    def in_project(self, project) -> models.QuerySet:
        return self.model.objects.filter(**{self.project_path: project}).select_related(
            *self.related
        )

    def get(self, project, item_id: int):
        """The words, if they belong to this project; 404 otherwise."""
        item = self.in_project(project).filter(pk=item_id).with_set_aside().first()
        if item is None:
            raise Http404
        return item

    def text(self, item) -> str:
        return getattr(item, self.text_field)

    def author_id(self, item) -> int | None:
        *steps, last = self.author_path.split("__")
        value = item
        for step in steps:
            value = getattr(value, step)
        return getattr(value, f"{last}_id")

    def written_by(self, user) -> models.QuerySet:
        """The ids of words of this kind that ``user`` wrote under their name."""
        return self.model.objects.filter(**{self.author_path: user}).values("pk")

    def change_words(self, item, *, text: str, actor) -> None:
        """Save the author's new words, keeping the old wording where the kind keeps history.

        No activity line and no live redraw: the words stay set aside until someone looks
        again, and a line saying who changed them would name the author to the group.
        """
        if isinstance(item, SharedWords):
            words_save(
                item=item,
                base_version=item.version,
                changes={self.text_field: text},
                project=None,
                actor=actor,
                kind="",
                record=lambda **_kwargs: None,
            )
        else:
            type(item).objects.filter(pk=item.pk).update(**{self.text_field: text})
            setattr(item, self.text_field, text)


KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        KINDS[kind.key] = kind


def kind_or_404(key: str) -> Kind:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind
