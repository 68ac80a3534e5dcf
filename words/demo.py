"""Demo content for the group's words: terms of its own, a reworded meaning, a word to avoid.

Listed in ``sharing.demo.PARTS``. The demo project already has the common terms and the
suggested words to avoid, as every new project does.
"""

from projects.models import Project

from . import services
from .models import Term


def extend(project: Project, users: dict) -> None:
    amina, jo, priya = (users[n] for n in ("Amina", "Jo", "Priya"))
    services.term_add(
        project=project,
        author=amina,
        term="drop-in",
        meaning=(
            "The Thursday afternoon session at the community centre, where anyone can come "
            "without booking for a cup of tea, a chat or some advice."
        ),
    )
    services.term_add(
        project=project,
        author=jo,
        term="welcome pack",
        meaning=(
            "A few pages with photos of the room, who will be there and how to get there, "
            "sent to everyone before their first meeting."
        ),
    )
    remit = Term.objects.filter(project=project, term__iexact="remit").first()
    if remit is not None:
        services.term_edit(
            item=remit,
            editor=jo,
            base_version=remit.version,
            term=remit.term,
            meaning=(
                "What this group can change: the drop-in's times, activities and welcome. "
                "Not the building or the council's budget."
            ),
        )
    services.avoid_add(
        project=project,
        author=priya,
        word="client",
        instead="person who comes to the drop-in",
    )
