"""The mark library: every stage's marks of good practice, in our own plain words.

This is content, reviewed like code. When a project is created its marks are copied
from here, so a group can reword, hide and add marks without touching anyone else's.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from projects.stages import Stage


@dataclass(frozen=True)
class LibraryMark:
    stage: Stage
    # A stable identifier, so a project's copy can be traced back to the library.
    key: str
    title: str
    explanation: str
    ladders: list[str] = field(default_factory=list)
    snakes: list[str] = field(default_factory=list)


LIBRARY: list[LibraryMark] = []
