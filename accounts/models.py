from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .timezones import time_zone_choices

# What a deleted account's name column holds: never shown, since display_name replaces it.
FORMER_MEMBER_NAME = "former member"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses the app: known to others by their name alone."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The name other members of your projects will see."),
    )
    # Set when the person deletes their account: the row stays so the words they chose
    # to leave in projects are still attributed, but nothing in it identifies them.
    is_former_member = models.BooleanField(default=False)
    # Empty: the person sees times only in each project's own zone.
    time_zone = models.CharField(
        _("Your time zone"),
        max_length=64,
        blank=True,
        choices=time_zone_choices,
        help_text=_(
            "Meeting times are shown in each project's time zone. If yours is different, "
            "choose it and you will see both."
        ),
    )

    # Live pages (the meeting screen, the lake, scoring, proposals, the meetings table):
    # whether other people's changes are read out, and whether updates wait for a click.
    live_announcements = models.BooleanField(
        _("Read out other people's changes on live pages"),
        default=True,
        help_text=_("Screen readers say when someone else scores, adds a post-it or answers."),
    )
    live_paused = models.BooleanField(
        _("Pause live updates"),
        default=False,
        help_text=_(
            "Live pages stay as they are until you choose to see what is new, with one button."
        ),
    )

    # Empty: the language the browser asks for. Also the language of this person's emails.
    language = models.CharField(
        _("Language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of every page and of the emails we send you."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="accounts_user_name_not_empty"
            ),
            # A deleted account can never sign in again.
            models.CheckConstraint(
                condition=models.Q(is_former_member=False) | models.Q(is_active=False),
                name="accounts_former_member_inactive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> str:
        """The name other people see: "A former member" once the account is deleted."""
        if self.is_former_member:
            return _("A former member")
        return self.name

    def save_profile(self, *, name: str, time_zone: str) -> None:
        """The person's own choices in "Your account"."""
        self.name = name
        self.time_zone = time_zone
        self.save(update_fields=["name", "time_zone"])

    def save_live_updates(self, *, announcements: bool, paused: bool) -> None:
        """The person's choice for live pages, remembered for every page and device."""
        self.live_announcements = announcements
        self.live_paused = paused
        self.save(update_fields=["live_announcements", "live_paused"])

    def save_language(self, code: str) -> None:
        """The person's language, for every page, every device and their emails."""
        self.language = code
        self.save(update_fields=["language"])

    def get_full_name(self) -> str:
        return str(self.display_name)

    def get_short_name(self) -> str:
        return str(self.display_name)


class UserSession(AbstractBaseSession):
    """A browser's session, with the account signed in to it (empty while signed out).

    Django's own session table doesn't say whose a session is, so signing a person out
    everywhere meant decoding every live session. Here it is one indexed query.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    @classmethod
    def get_session_store_class(cls):
        # The configured engine (accounts.sessions), found by name: it imports this model.
        return import_module(settings.SESSION_ENGINE).SessionStore
