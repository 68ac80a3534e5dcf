from django import forms

from ..models import User


class LiveUpdatesForm(forms.ModelForm):
    """How live pages behave for this person: read out others' changes, or wait for a click."""

    class Meta:
        model = User
        fields = ["live_announcements", "live_paused"]
