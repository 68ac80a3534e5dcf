"""Saving a change to shared words without losing anyone's.

Everything a group writes together (the aims, ground rules, marks, notes, post-its,
actions) keeps a version number. A form carries the version it was drawn from; if someone
else saved in the meantime, the service refuses with ``StaleEdit`` and the form comes back
with this person's words kept, the newer wording beside them, and the new version, so that
sending it again is a deliberate choice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest

from .services import StaleEdit


@dataclass
class Edit:
    form: forms.Form
    # What the words say now, when someone else changed them first.
    conflict: Any = None
    # 200 saved, 400 the form has errors, 409 someone else saved first.
    status: int = 200
    # What ``save`` returned, once saved.
    saved: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def save_edit(
    request: HttpRequest,
    current: Any,
    make_form: Callable[[Any], forms.Form],
    save: Callable[[dict], Any],
) -> Edit:
    """Validate the posted form and save it, or explain why not.

    ``make_form(data)`` builds the form from posted data; ``save(cleaned_data)`` calls the
    service, which raises ``StaleEdit`` when ``current`` has changed since the form was drawn.
    """
    form = make_form(request.POST)
    if not form.is_valid():
        return Edit(form=form, status=400)
    try:
        saved = save(form.cleaned_data)
    except StaleEdit:
        current.refresh_from_db()
        data = request.POST.copy()
        data[form.add_prefix("version")] = current.version
        form = make_form(data)
        form.is_valid()
        return Edit(form=form, conflict=current, status=409)
    return Edit(form=form, saved=saved)
