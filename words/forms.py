"""Forms for a glossary term and for a word the group would rather not use."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.shared_words.forms import VersionField, WordsField

from .models import INSTEAD_LIMIT, MEANING_LIMIT, TERM_LIMIT, AvoidWord, Term


class _Required:
    """Shows the words as required (no "(optional)" beside the label).

    ``WordsField`` judges emptiness after tidying the text; marking the field required
    keeps that, because the tidied value is what Django's own check sees, with the
    field's own message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "empty_message", None) is not None:
                field.required = True
                field.error_messages["required"] = field.empty_message


class TermForm(_Required, forms.Form):
    term = WordsField(
        limit=TERM_LIMIT,
        label=_("The word or phrase"),
        help_text=_("For example: remit. Up to 60 characters."),
        empty_message=_("Write the word or phrase."),
        too_long_message=_(
            "The word or phrase can be %(limit)s characters at most. You have %(count)s."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    meaning = WordsField(
        limit=MEANING_LIMIT,
        label=_("What it means, in plain words"),
        help_text=_(
            "One or two sentences anyone in the group would understand. Up to 600 characters."
        ),
        empty_message=_("Write what it means, so everyone can read it."),
        too_long_message=_(
            "What it means can be %(limit)s characters at most. You have %(count)s."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, project, item: Term | None = None, **kwargs):
        self.project = project
        self.item = item
        super().__init__(*args, **kwargs)

    def clean_term(self) -> str:
        term = " ".join(self.cleaned_data["term"].split())
        others = Term.objects.filter(project=self.project, term__iexact=term)
        if self.item is not None:
            others = others.exclude(pk=self.item.pk)
        if term and others.exists():
            raise forms.ValidationError(
                _("“%(term)s” is already in the glossary. Change its meaning there instead.")
                % {"term": term}
            )
        return term


class TermEditForm(TermForm):
    version = VersionField()


class AvoidForm(_Required, forms.Form):
    word = WordsField(
        limit=TERM_LIMIT,
        label=_("The word we'd rather not use"),
        help_text=_("For example: stakeholder. Up to 60 characters."),
        empty_message=_("Write the word the group would rather not use."),
        too_long_message=_("The word can be %(limit)s characters at most. You have %(count)s."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    instead = WordsField(
        limit=INSTEAD_LIMIT,
        label=_("What we say instead"),
        help_text=_("For example: co-producer. Up to 200 characters."),
        empty_message=_("Write what the group says instead."),
        too_long_message=_(
            "What we say instead can be %(limit)s characters at most. You have %(count)s."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, project, item: AvoidWord | None = None, **kwargs):
        self.project = project
        self.item = item
        super().__init__(*args, **kwargs)

    def clean_word(self) -> str:
        word = " ".join(self.cleaned_data["word"].split())
        others = AvoidWord.objects.filter(project=self.project, word__iexact=word)
        if self.item is not None:
            others = others.exclude(pk=self.item.pk)
        if word and others.exists():
            raise forms.ValidationError(
                _("“%(word)s” is already on the list of words we'd rather not use.")
                % {"word": word}
            )
        return word


class AvoidEditForm(AvoidForm):
    version = VersionField()
