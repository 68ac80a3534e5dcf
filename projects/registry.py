"""Functions that other apps offer to a project-wide feature, found by module name.

A feature that needs every app's part (the demo, the report, certificates) keeps a
``Registry``; each app adds its functions from a module of the registry's name (``demo.py``,
``report.py``, ``certificate.py``), which Django's ``autodiscover_modules`` imports the first
time the feature is used. So ``projects`` never imports the apps built on it.
"""

from collections.abc import Callable, Iterator

from django.utils.module_loading import autodiscover_modules


class Registry:
    def __init__(self, module_name: str):
        self.module_name = module_name
        self._functions: list[Callable] = []
        self._discovered = False

    def register(self, func: Callable) -> Callable:
        """Add ``func`` once; usable as a decorator."""
        if func not in self._functions:
            self._functions.append(func)
        return func

    def __iter__(self) -> Iterator[Callable]:
        if not self._discovered:
            autodiscover_modules(self.module_name)
            self._discovered = True
        return iter(list(self._functions))
