"""The two fields every kind of words given on someone's behalf carries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Via(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("one-to-one")
    PHONE = "phone", _("by phone")
    PAPER = "paper", _("on paper")
    EMAIL = "email", _("by email")
    TEXT = "text", _("by text message")


VIA_VALUES = [value for value, _label in Via.choices]


class GivenOnBehalf(models.Model):
    """Added by someone else for the author, who gave the words another way.

    Both fields are empty for words the author added themselves. ``added_by`` goes empty if
    the person who added them deletes their account; ``given_via`` still says the words came
    through someone else.
    """

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    given_via = models.CharField(max_length=20, choices=Via.choices, blank=True)

    class Meta:
        abstract = True

    @property
    def is_given_on_behalf(self) -> bool:
        return bool(self.given_via)

    def given_line(self) -> str:
        """ "given to Sam one-to-one": how the words reached the person who added them."""
        return given_line(self.added_by, self.given_via)


def on_behalf_constraints(prefix: str, *, anonymous: bool = True) -> list:
    """The database's own guard: a known way, and never anonymous words added for someone."""
    valid = models.CheckConstraint(
        condition=models.Q(given_via__in=["", *VIA_VALUES]), name=f"{prefix}_given_via_valid"
    )
    if not anonymous:
        return [valid]
    return [
        valid,
        models.CheckConstraint(
            condition=models.Q(given_via="") | models.Q(is_anonymous=False),
            name=f"{prefix}_on_behalf_not_anonymous",
        ),
    ]


def given_line(added_by, given_via: str) -> str:
    """ "given to Sam one-to-one", or without the name once Sam's account has gone."""
    if not given_via:
        return ""
    way = Via(given_via).label
    if added_by is None:
        return gettext("given to another member %(way)s") % {"way": way}
    return gettext("given to %(name)s %(way)s") % {"name": added_by.display_name, "way": way}
