"""The course's explorers, one module per chapter, each registered by name.

Importing this package registers every explorer in
:data:`scaling_lab.explore.REGISTRY`, which the browser tests walk page by page.
"""

from . import power_laws  # noqa: F401
from . import quanta  # noqa: F401
from . import limits  # noqa: F401
from . import zipf  # noqa: F401
from . import kaplan  # noqa: F401
from . import chinchilla  # noqa: F401

__all__ = ["power_laws"]
