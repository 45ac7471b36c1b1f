"""The course's explorers, one module per chapter, each registered by name.

Importing this package registers every explorer in
:data:`scaling_lab.explore.REGISTRY`; :func:`get_explorer` builds one by name. The
browser tests walk the registry page by page.
"""

from __future__ import annotations

from .._validate import ScalingLabError
from ..explore import REGISTRY, Explorer
from . import (
    beyond,  # noqa: F401
    chinchilla,  # noqa: F401
    discrepancy,  # noqa: F401
    kaplan,  # noqa: F401
    limits,  # noqa: F401
    measure,  # noqa: F401
    power_laws,  # noqa: F401
    quanta,  # noqa: F401
    zipf,  # noqa: F401
)

__all__ = ["get_explorer", "names", "chinchilla", "discrepancy", "kaplan", "limits",
           "measure", "power_laws", "quanta", "zipf"]


def names() -> list[str]:
    """The names of every registered explorer, sorted.

    >>> "power-laws/k-n-offset" in names()
    True
    """
    return sorted(REGISTRY)


def get_explorer(name: str) -> Explorer:
    """Build the registered explorer ``name``.

    >>> get_explorer("power-laws/k-n-offset").name
    'power-laws/k-n-offset'
    """
    if name not in REGISTRY:
        raise ScalingLabError(
            f"no explorer named {name!r}; known: {', '.join(sorted(REGISTRY))}"
        )
    return REGISTRY[name]()
