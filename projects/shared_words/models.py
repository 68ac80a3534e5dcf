"""Abstract models for words a group writes together, and for each saved wording."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class SharedWords(models.Model):
    """Words that anyone allowed may reword: a form carries the version it was drawn from.

    ``wording_fields`` names the fields an edit form draws from and a conflict compares; each
    revision row keeps a copy of those it has a column for (a post-it's history keeps its
    words, not its colour).
    """

    # Bumped on every saved change, so a form drawn from an older version is noticed.
    version = models.PositiveIntegerField(default=1)

    wording_fields: ClassVar[tuple[str, ...]] = ("text",)

    class Meta:
        abstract = True

    def wording(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.wording_fields}


class Wording(models.Model):
    """One saved wording of shared words, kept so that no change is silent."""

    version = models.PositiveIntegerField()
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-version"]


class EditedWording(Wording):
    """A saved wording of words that several people may change, so it says who did."""

    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta(Wording.Meta):
        abstract = True
