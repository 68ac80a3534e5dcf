from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"

    def ready(self) -> None:
        from projects.setting_aside.kinds import register

        from .setting_aside import KINDS

        register(*KINDS)
