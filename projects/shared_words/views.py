"""The one skeleton of a page that changes shared words.

A form carries the version it was drawn from. If someone else saved in the meantime, the
service refuses with ``StaleEdit`` and the form comes back (409) with this person's words
kept, the newer wording beside them (``templates/projects/shared_words/_conflict.html``) and
the new version, so that sending it again is a deliberate choice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import SharedWords
from .services import StaleEdit


@dataclass
class Conflict:
    """What the person wrote and what the words say now, field by field."""

    current: SharedWords
    rows: list[tuple[str, object, object]]


def edit_words(
    request: HttpRequest,
    *,
    item: SharedWords,
    make_form: Callable[..., forms.Form],
    save: Callable[[dict], Any],
    saved: Callable[[Any], HttpResponse],
    page: Callable[[forms.Form, Conflict | None, int], HttpResponse],
) -> HttpResponse:
    """GET draws ``make_form(initial=...)`` from the current wording; POST validates
    ``make_form(data)`` and calls ``save(cleaned_data)``, answering with ``saved(result)``.

    On errors, ``page(form, None, 400)``; when someone else saved first,
    ``page(form, conflict, 409)`` with the form holding this person's words and the new
    version.
    """
    if request.method != "POST":
        form = make_form(initial={**item.wording(), "version": item.version})
        return page(form, None, 200)
    form = make_form(request.POST)
    if not form.is_valid():
        return page(form, None, 400)
    try:
        result = save(form.cleaned_data)
    except StaleEdit:
        item.refresh_from_db()
        data = request.POST.copy()
        data[form.add_prefix("version")] = item.version
        mine = form.cleaned_data
        form = make_form(data)
        form.is_valid()
        rows = [
            (
                form.fields[name].label if name in form.fields else name,
                _shown(item, name, mine.get(name)),
                _shown(item, name, value),
            )
            for name, value in item.wording().items()
        ]
        return page(form, Conflict(current=item, rows=rows), 409)
    return saved(result)


def _shown(item: SharedWords, name: str, value: object) -> object:
    """A choice as its label, so both versions read the same way."""
    choices = dict(item._meta.get_field(name).flatchoices)
    return choices.get(value, value) if choices else value


@dataclass
class SettingsConflict:
    """Both versions of a settings form, for ``_conflict.html``: rows of label, this
    person's choice and the saved one."""

    rows: list[tuple[str, object, object]]


def settings_conflict(
    make_form: Callable[..., forms.Form],
    data,
    *,
    mine: dict,
    newer: dict,
    version: int,
) -> tuple[forms.Form, SettingsConflict]:
    """A settings form saved by someone else first: the form again with this person's
    choices kept and the newer version, so saving it again is a deliberate choice."""
    data = data.copy()
    data[make_form(None).add_prefix("version")] = version
    form = make_form(data)
    form.is_valid()
    rows = [
        (form.fields[name].label, _said(mine.get(name)), _said(value))
        for name, value in newer.items()
    ]
    return form, SettingsConflict(rows=rows)


def _said(value: object) -> object:
    """A yes-or-no choice in words, as the form asked it."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value
