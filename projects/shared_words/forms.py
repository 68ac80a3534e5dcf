"""The fields every form of shared words uses."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def plain_text(value: str | None) -> str:
    """Text as a person counts it: accents composed, each line break one character, no spaces
    at either end."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return unicodedata.normalize("NFC", text)


class WordsField(forms.CharField):
    """Plain text with a length limit, checked after line breaks count as one character.

    ``empty_message`` makes the words required, with that message; ``too_long_message`` may use
    ``%(limit)s`` and ``%(count)s`` (both written with thousands separators, as people read
    them).
    """

    def __init__(self, *, limit: int, too_long_message, empty_message=None, **kwargs):
        self.limit = limit
        self.too_long_message = too_long_message
        # Required words are marked so (the label says "optional" otherwise). Emptiness is
        # judged after ``to_python`` has tidied the text, so a box of spaces counts as empty.
        kwargs["required"] = empty_message is not None
        if empty_message is not None:
            kwargs["error_messages"] = {
                **kwargs.get("error_messages", {}),
                "required": empty_message,
            }
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        return plain_text(super().to_python(value))

    def validate(self, value: str) -> None:
        super().validate(value)
        if len(value) > self.limit:
            raise forms.ValidationError(
                self.too_long_message % {"limit": f"{self.limit:,}", "count": f"{len(value):,}"},
                code="max_length",
            )


class VersionField(forms.IntegerField):
    """The version a form was drawn from, so a change saved by someone else meanwhile is noticed."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"required": _("This form is out of date. Open it again and make your change.")},
        )
        super().__init__(min_value=1, **kwargs)
