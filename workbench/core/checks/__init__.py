"""Quality checks, one module per family. Importing this package registers them all."""

from workbench.core.checks import (
    completeness,
    consistency,
    numbers,
    structure,
    terms,
    typography,
)

__all__ = ["completeness", "consistency", "numbers", "structure", "terms", "typography"]
