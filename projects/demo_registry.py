"""Apps add their own demo content by registering a function here from a ``demo`` module."""

from .registry import Registry

_extenders = Registry("demo")
register = _extenders.register


def run_extenders(**kwargs) -> None:
    for func in _extenders:
        func(**kwargs)
