"""The export dialog: choose format, level, statuses and file; the export runs in a worker.

The output path is prefilled under exports/ (the CLI's default name) and follows the format
and level until the translator edits it. The dialog reports the file written and the number
of pairs, and stays open so that a second format can be exported right after the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from workbench.core.errors import WorkbenchError, os_error_message
from workbench.core.phrasing import counted
from workbench.core.segments import Level, Status
from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.text_fields import TextInput
from workbench.workflows.exporting import (
    REVIEWED,
    ExportFormat,
    ExportRequest,
    ExportResult,
    default_output,
    export,
    extension,
)

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

FORMAT_LABELS = {
    ExportFormat.TMX: "TMX (translation memory)",
    ExportFormat.PO: "PO (gettext)",
    ExportFormat.TSV: "TSV (spreadsheet)",
    ExportFormat.JSONL: "JSONL (one pair per line)",
    ExportFormat.XLIFF: "XLIFF 1.2 (CAT tools)",
    ExportFormat.XLIFF2: "XLIFF 2.1",
}
STATUS_LABELS = {
    Status.NEW: "new",
    Status.MACHINE: "machine",
    Status.EDITED: "edited",
    Status.APPROVED: "approved",
}
DEFAULT_STATUSES = REVIEWED  # the CLI's default too


class ExportDialog(ModalScreen[ExportResult | None]):
    """Export aligned pairs of the project (or the current document)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", id="export.run"),
        Binding("escape", "close", "Close", id="export.close"),
    ]

    def __init__(self, document_id: int | None) -> None:
        super().__init__()
        self.document_id = document_id
        self.result: ExportResult | None = None
        self._path_edited = False
        self._auto_path = ""  # the last path filled in by the dialog itself
        self._typed = TypedFields(self)

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog", id="export-dialog"):
            yield Label("Export translations", classes="dialog-title")
            with Grid(id="export-fields"):
                yield Label("Format")
                yield Select(
                    [(label, fmt) for fmt, label in FORMAT_LABELS.items()],
                    value=ExportFormat.TMX,
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
                yield Label("Level")
                yield Select(
                    [("paragraphs", Level.PARAGRAPH), ("sentences", Level.SENTENCE)],
                    value=Level.PARAGRAPH,
                    allow_blank=False,
                    id="export-level",
                    compact=True,
                )
                yield Label("Scope")
                yield Select(
                    [("this document", "document"), ("all documents", "all")],
                    value="document" if self.document_id is not None else "all",
                    allow_blank=False,
                    id="export-scope",
                    compact=True,
                )
                yield Label("Statuses")
                with Horizontal(id="export-statuses"):
                    for status, label in STATUS_LABELS.items():
                        yield Checkbox(
                            label,
                            status in DEFAULT_STATUSES,
                            id=f"status-{status.value}",
                            compact=True,
                        )
                yield Label("Empty rows")
                yield Checkbox(
                    "include rows without English", False, id="export-empty", compact=True
                )
                yield Label("File")
                yield TextInput(id="export-path", compact=True)
            yield Label("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", id="export-run", variant="primary", compact=True)
                yield Button("Close (esc)", id="export-close", compact=True)

    def on_mount(self) -> None:
        self._fill_path()
        self.query_one("#export-format", Select).focus()
        if "export-path" in self._typed.restore(self.document_id):
            self._path_edited = True

    # -- the request -----------------------------------------------------------------------

    def _format(self) -> ExportFormat:
        return ExportFormat(str(self.query_one("#export-format", Select).value))

    def _level(self) -> Level:
        return Level(str(self.query_one("#export-level", Select).value))

    def _fill_path(self) -> None:
        if self._path_edited:
            return
        path = default_output(self._format(), self._level(), self.workbench.project)
        self._auto_path = str(path)
        self.query_one("#export-path", Input).value = self._auto_path

    def request(self) -> ExportRequest | str:
        """The export the form describes, or an error message."""
        statuses = frozenset(
            status
            for status in STATUS_LABELS
            if self.query_one(f"#status-{status.value}", Checkbox).value
        )
        if not statuses:
            return "Tick at least one status."
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            return "Give a file to write."
        fmt = self._format()
        path = Path(text).expanduser()
        if path.is_dir():
            return f"{path} is a folder; give a file name."
        suffix = extension(fmt)
        if not path.suffix:
            path = path.with_suffix(f".{suffix}")
        elif path.suffix.lower() != f".{suffix}":
            kind = FORMAT_LABELS[fmt].split(" (")[0]
            return f"The file name ends in {path.suffix}; a {kind} file needs .{suffix}."
        scope = self.query_one("#export-scope", Select).value
        return ExportRequest(
            fmt=fmt,
            level=self._level(),
            statuses=None if statuses == frozenset(Status) else statuses,
            include_empty=self.query_one("#export-empty", Checkbox).value,
            document_id=self.document_id if scope == "document" else None,
            output=path,
        )

    # -- events ----------------------------------------------------------------------------

    @on(Select.Changed, "#export-format")
    @on(Select.Changed, "#export-level")
    def _choice_changed(self) -> None:
        self._fill_path()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        # Change events arrive after the fact (a path brought back by `TypedFields` may be
        # followed by the event of the path filled in before it): look at the field itself.
        self._path_edited = self.query_one("#export-path", Input).value != self._auto_path

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-run")
    def _run_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self._typed.keep()
        self.dismiss(self.result)

    def action_export(self) -> None:
        try:
            request = self.request()
        except OSError as exc:  # the path cannot even be looked at
            request = os_error_message(exc)
        except (ValueError, RuntimeError) as exc:  # a NUL in the path, ~nosuchuser
            request = f"The file name cannot be used: {exc}."
        label = self.query_one("#export-result", Label)
        if isinstance(request, str):
            label.set_classes("dialog-error")
            label.update(request)
            return
        label.set_classes("")
        label.update("Exporting…")
        self._export(request)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        app = self.workbench
        try:
            result = export(app.project, app.glossary, request, glossary_path=app.glossary_path)
        except WorkbenchError as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        except OSError as exc:
            app.call_from_thread(self._failed, os_error_message(exc))
            return
        except Exception as exc:  # a writer's own failure must not take the editor down
            app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._done, result)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        label = self.query_one("#export-result", Label)
        label.set_classes("dialog-success")
        whole = (
            f" ({counted(result.whole_paragraphs, 'paragraph')} kept whole: their English did "
            "not split into as many sentences)"
            if result.whole_paragraphs
            else ""
        )
        pairs = counted(result.count, "pair")
        label.update(f"Wrote {result.path}: {pairs}{whole}.")
        self.notify(f"Exported {pairs} to {result.path}.")
        self._path_edited = False
        self._fill_path()
        self._typed.forget()

    def _failed(self, message: str) -> None:
        label = self.query_one("#export-result", Label)
        label.set_classes("dialog-error")
        label.update(f"Not exported: {message}")
