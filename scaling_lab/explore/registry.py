"""The registry of the course's explorers, by name.

Design: chapter explorers (in :mod:`scaling_lab.explorers`) register a factory with the
:func:`register` decorator when their module is imported. The engine never imports the
chapter explorers, so the dependency runs one way; :func:`scaling_lab.explorers.get_explorer`
imports them all and then looks a name up here.
"""

from __future__ import annotations

from collections.abc import Callable

from .._validate import ScalingLabError
from .explorer import Explorer

__all__ = ["REGISTRY", "register"]

#: Every explorer of the course by name, as a factory taking no arguments.
REGISTRY: dict[str, Callable[[], Explorer]] = {}


def register(name: str):
    """Decorator: record an explorer factory under ``name`` in :data:`REGISTRY`.

    The factory's explorer must carry the same name.
    """

    def decorate(factory):
        if name in REGISTRY and REGISTRY[name] is not factory:
            raise ScalingLabError(f"an explorer named {name!r} is already registered")
        REGISTRY[name] = factory
        factory.explorer_name = name
        return factory

    return decorate

