from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"

    def ready(self) -> None:
        from projects.answers.kinds import register as register_answers
        from projects.setting_aside.kinds import register

        from .answers import KINDS as ANSWER_KINDS
        from .setting_aside import KINDS

        register(*KINDS)
        register_answers(*ANSWER_KINDS)
