"""Forms for staying in touch, updates and thank-yous."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts.validators import one_line
from projects.models import TEXT_LIMIT, THANKS_LIMIT, Membership

EVERYONE = "everyone"


class ContactChoicesForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["stay_in_touch", "keep_details"]
        help_texts = {
            "stay_in_touch": _(
                "Now and then, a facilitator may email the group to say what the work led to. "
                "You can stop these emails at any time."
            ),
            "keep_details": _(
                "Only the project's facilitators see this. You can change your mind at any time."
            ),
        }


class UpdateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("For example: What happened after our last meeting."),
        error_messages={
            "required": _("Enter a title for the update."),
            "max_length": _("The title can be 120 characters at most."),
        },
        validators=[one_line],
    )
    body = forms.CharField(
        label=_("What you want to tell the group"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_LIMIT}),
        help_text=_("Plain words work best. Everyone in the project will see this."),
        error_messages={"required": _("Write the update before you send it.")},
        validators=[
            MaxLengthValidator(
                TEXT_LIMIT,
                message=_("This can be 5000 characters at most. Try saying it more briefly."),
            )
        ],
    )


class ThanksForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Who you want to thank"),
        error_messages={
            "required": _("Choose who you want to thank."),
            "invalid_choice": _("Choose someone who is in this project, or the whole group."),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=THANKS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": THANKS_LIMIT}),
        help_text=_("A few words is plenty. 500 characters at most."),
        error_messages={
            "required": _("Write a short thank-you message."),
            "max_length": _("The message can be 500 characters at most."),
        },
    )

    def __init__(self, *args, members, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(m.user_id): m.user for m in members if m.user_id != me.pk}
        choices = [(EVERYONE, _("The whole group"))]
        choices += [(pk, user.name) for pk, user in self.people.items()]
        self.fields["to"].choices = choices

    def recipient(self):
        """The member being thanked, or None for the whole group."""
        return self.people.get(self.cleaned_data["to"])
