"""The one skeleton of a page that changes shared words.

A form carries the version it was drawn from. If someone else saved in the meantime, the
service refuses with ``StaleEdit`` and the form comes back (409) with this person's words
kept, the newer wording beside them (``templates/projects/shared_words/_conflict.html``) and
the new version, so that sending it again is a deliberate choice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
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
    save: Callable[..., Any],
    context: dict[str, Any],
    template: str,
    back_url: str | Callable[[], str],
    saved_message: str = "",
    saved: Callable[[Any], HttpResponse] | None = None,
    prepare: Callable[[forms.Form, Conflict | None], None] | None = None,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """The edit page of ``item``: ``template`` with ``context``, the form, any conflict and
    ``keep_newer_url`` (``back_url``, where the words are shown, or a function giving it).

    GET draws ``make_form(initial=...)`` from the current wording (and ``initial``, for
    fields that are not words, such as an action's owners). POST validates
    ``make_form(data)`` and calls ``save(base_version=..., **the form's other fields)``, so a
    service whose keywords are the form's fields fits as it is; then it says
    ``saved_message`` and goes back to ``back_url``, unless ``saved(result)`` answers
    instead. The form comes back with 400 on errors, and with 409 and the conflict when
    someone else saved first. ``prepare(form, conflict)``, if given, runs before each page
    is drawn, to add to the conflict or to refuse.
    """

    def back() -> str:
        # Worked out when needed: where an action is shown depends on the mark it is saved on.
        return back_url() if callable(back_url) else back_url

    def page(form: forms.Form, conflict: Conflict | None, status: int) -> HttpResponse:
        if prepare is not None:
            prepare(form, conflict)
        ctx = {**context, "form": form, "conflict": conflict, "keep_newer_url": back()}
        return render(request, template, ctx, status=status)

    if request.method != "POST":
        form = make_form(initial={**item.wording(), **(initial or {}), "version": item.version})
        return page(form, None, 200)
    form = make_form(request.POST)
    if not form.is_valid():
        return page(form, None, 400)
    words = dict(form.cleaned_data)
    base_version = words.pop("version")
    try:
        result = save(base_version=base_version, **words)
    except StaleEdit:
        item.refresh_from_db()
        data = request.POST.copy()
        data[form.add_prefix("version")] = item.version
        form = make_form(data)
        form.is_valid()
        rows = [
            (
                form.fields[name].label if name in form.fields else name,
                _shown(item, name, words.get(name)),
                _shown(item, name, value),
            )
            for name, value in item.wording().items()
        ]
        return page(form, Conflict(current=item, rows=rows), 409)
    if saved is not None:
        return saved(result)
    messages.success(request, saved_message)
    return redirect(back())


def _shown(item: SharedWords, name: str, value: object) -> object:
    """A choice as its label and a date as people write it, so both versions read the same
    way; nothing at all as empty, which the template shows as a dash."""
    if value is None:
        return ""
    if isinstance(value, date):
        return date_format(value, "j F Y")
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
