"""The course's explorers, one module per chapter, each registered by name.

Importing this package registers every explorer in
:data:`scaling_lab.explore.REGISTRY`, which the browser tests walk page by page.
"""

from . import (
    chinchilla,  # noqa: F401
    kaplan,  # noqa: F401
    limits,  # noqa: F401
    power_laws,  # noqa: F401
    quanta,  # noqa: F401
    zipf,  # noqa: F401
)

__all__ = ["chinchilla", "kaplan", "limits", "power_laws", "quanta", "zipf"]
