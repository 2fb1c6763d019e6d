"""Quality checks, one module per family. Importing this package registers them all."""

from workbench.core.checks import (
    completeness,
    consistency,
    numbers,
    spelling,
    structure,
    terms,
    typography,
)

__all__ = ["completeness", "consistency", "numbers", "spelling", "structure", "terms", "typography"]
