"""The line under the edit box that shows what the checks find in the English being typed
(errors first: ✗ for an error, ! for a warning)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from workbench.core.qa import QaIssue, Severity

ERROR = "$text-error bold"
WARNING = "$text-warning bold"


def checks_text(issues: Sequence[QaIssue]) -> Content:
    """`✗ 2 errors, 1 warning: number 2025 missing · 人工智能: … missing · ! …`."""
    if not issues:
        return Content.assemble(("✔ no problems found", "$text-success"))
    errors = sum(issue.severity is Severity.ERROR for issue in issues)
    warnings = len(issues) - errors
    counts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    counts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    parts: list[str | tuple[str, str]] = [
        ("✗ " if errors else "! ", ERROR if errors else WARNING),
        (", ".join(counts) + ": ", "bold"),
    ]
    for number, issue in enumerate(issues):
        error = issue.severity is Severity.ERROR
        if number:
            parts.append(" · ")
        if not error and errors:
            parts.append(("! ", WARNING))
        parts.append(issue.message)
    return Content.assemble(*parts)


class LiveChecks(Static):
    """What the checks say about the draft; empty until the first check has run."""

    DEFAULT_CSS = """
    LiveChecks { height: auto; max-height: 2; text-overflow: ellipsis; color: $foreground; }
    LiveChecks.-empty { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="-empty")

    def show(self, issues: Sequence[QaIssue] | None) -> None:
        """Show what the checks found; None hides the line."""
        self.set_class(issues is None, "-empty")
        self.update(Content() if issues is None else checks_text(issues))
