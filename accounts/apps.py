from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str, **kwargs) -> None:
    """Make the database cache's table on every `migrate` (it does nothing when the table is
    there, or when the cache is Redis). Limits on signing in keep their counters in it, so
    there is no separate step for `make run`, the test database or a deployment to forget."""
    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self)
        from .reauth.confirming import remember_sign_in

        user_logged_in.connect(remember_sign_in, dispatch_uid="accounts.remember_sign_in")
