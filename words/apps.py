from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordsConfig(AppConfig):
    name = "words"

    def ready(self) -> None:
        from projects.models import register_activity_kinds
        from projects.signals import project_created

        register_activity_kinds(
            {
                "term_added": _("added a word to the glossary"),
                "term_edited": _("changed a word in the glossary"),
                "term_removed": _("removed a word from the glossary"),
                "avoid_added": _("added a word we'd rather not use"),
                "avoid_edited": _("changed a word we'd rather not use"),
                "avoid_removed": _("removed a word we'd rather not use"),
                "words_started": _("added the common words"),
            }
        )
        project_created.connect(start_words, dispatch_uid="words.start_words")


def start_words(sender, project, creator, **kwargs) -> None:
    """A new project starts with the common terms and the words to avoid, to keep or drop."""
    from .services import starters_add

    starters_add(project=project, actor=creator, terms=True, avoid=True, record=False)
