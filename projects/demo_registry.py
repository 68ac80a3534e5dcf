"""Apps add their own demo content by registering a function here from a ``demo`` module."""

from collections.abc import Callable

_extenders: list[Callable] = []


def register(func: Callable) -> Callable:
    if func not in _extenders:
        _extenders.append(func)
    return func


def run_extenders(**kwargs) -> None:
    for func in _extenders:
        func(**kwargs)
