"""The group's glossary and the words it would rather not use."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from projects.models import Project
from projects.shared_words.models import EditedWording, SharedWords

TERM_LIMIT = 60
MEANING_LIMIT = 600
INSTEAD_LIMIT = 200


class Term(SharedWords):
    """A word or phrase the group uses, with its plain meaning."""

    wording_fields = ("term", "meaning")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=TERM_LIMIT)
    meaning = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [Lower("term"), "pk"]
        constraints = [
            # "Remit" and "remit" are one term: a page could not say which meaning it means.
            models.UniqueConstraint(Lower("term"), "project", name="term_unique_in_project"),
            models.CheckConstraint(condition=~models.Q(term=""), name="term_not_empty"),
            models.CheckConstraint(condition=~models.Q(meaning=""), name="term_meaning_not_empty"),
        ]

    def __str__(self) -> str:
        return self.term


class TermRevision(EditedWording):
    term_item = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="revisions")
    term = models.CharField(max_length=TERM_LIMIT)
    meaning = models.TextField()

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["term_item", "version"], name="term_revision_unique"),
        ]


class AvoidWord(SharedWords):
    """A word the group would rather not use, and what it says instead."""

    wording_fields = ("word", "instead")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="avoid_words")
    word = models.CharField(max_length=TERM_LIMIT)
    instead = models.CharField(max_length=INSTEAD_LIMIT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [Lower("word"), "pk"]
        constraints = [
            models.UniqueConstraint(Lower("word"), "project", name="avoid_word_unique_in_project"),
            models.CheckConstraint(condition=~models.Q(word=""), name="avoid_word_not_empty"),
            models.CheckConstraint(condition=~models.Q(instead=""), name="avoid_instead_not_empty"),
        ]

    def __str__(self) -> str:
        return self.word
