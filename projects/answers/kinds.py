"""The kinds of ideas the group can answer, each described by the app that owns them.

Each app offers its kind in its own ``answers.py`` (the marks' notes, the lake's post-its,
the decisions' proposals), and ``sharing/answers.py`` lists them and registers them here when
the apps are ready: this package sits below those apps and cannot import them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class AnswerKind:
    key: str
    # What the group calls one of these, e.g. "post-it", in a sentence.
    label: str
    # The same for several, e.g. "post-its", as a heading.
    label_plural: str
    model: type[models.Model]
    # The lookup from the idea to its project, e.g. "mark__project" for a note.
    project_path: str
    # The field that holds the idea's words (a proposal's title).
    text_field: str
    # Where the idea is shown, to link back to it.
    where: Callable[[models.Model], str]
    # The model of its answers' history, and the field there that points at the idea.
    history: type[models.Model]
    history_field: str
    # Makes an action in the action plan for "we're taking this forward":
    # ``make_action(item, actor=..., text=...)`` returns the action. The action is about the
    # idea's mark where one is known (``mark_of``), otherwise about the whole project.
    make_action: Callable[..., models.Model] | None = None
    # The longest an action's words may be.
    action_limit: int = 1000
    mark_of: Callable[[models.Model], models.Model | None] = lambda item: None
    # Tells a live page that polls its own counter (the lake) to redraw the idea. Called first
    # in the transaction, so it may take the page's lock before anything else.
    redraw: Callable[[models.Model], None] | None = None
    # Extra ``select_related`` for ``where``, ``mark_of`` and the page.
    related: tuple[str, ...] = ()
    # Whether the group can read the idea now (not removed), and the same as a filter.
    shown: Callable[[models.Model], bool] = lambda item: True
    current: dict = field(default_factory=dict)

    def in_project(self, project) -> models.QuerySet:
        return self.model.objects.filter(**{self.project_path: project}).select_related(
            "answered_by", *self.related
        )

    def readable(self, project) -> models.QuerySet:
        """The ideas of the project the group can read: not removed, not set aside."""
        queryset = self.in_project(project).filter(**self.current)
        return queryset.visible() if hasattr(queryset, "visible") else queryset

    def get(self, project, item_id: int):
        """The idea, if it belongs to this project and the group can read it; 404 otherwise.

        Words set aside for breaking a ground rule are not answered: nobody can read them.
        """
        queryset = self.in_project(project).filter(pk=item_id)
        if hasattr(queryset, "visible"):
            queryset = queryset.visible()
        item = queryset.first()
        if item is None or not self.shown(item):
            raise Http404
        return item

    def project_of(self, item):
        value = item
        for step in self.project_path.split("__"):
            value = getattr(value, step)
        return value

    def answered_for(self, user, project_ids) -> list:
        """The ideas ``user`` wrote under their name that have an answer, in these projects.

        Anonymous ideas store no author, so they are nobody's: their answer is on the idea,
        for everyone, and nobody is told personally.
        """
        queryset = self.model.objects.filter(
            **{"author": user, f"{self.project_path}__in": project_ids}
        ).exclude(answer="")
        if hasattr(queryset, "visible"):
            queryset = queryset.visible()
        queryset = queryset.select_related("answered_by", self.project_path, *self.related)
        return [item for item in queryset if self.shown(item)]

    def text(self, item) -> str:
        return getattr(item, self.text_field)

    def revisions(self, item) -> models.QuerySet:
        return self.history.objects.filter(**{self.history_field: item}).select_related(
            "answered_by"
        )


KINDS: dict[str, AnswerKind] = {}


def register(*kinds: AnswerKind) -> None:
    for kind in kinds:
        KINDS[kind.key] = kind


def kind_or_404(key: str) -> AnswerKind:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind
