"""The alignment review screen: an official Chinese text and its English, link by link.

Chinese left, English right, each link with its confidence; `n` jumps to the next doubtful
link (under 0.5). The reviewer joins (`j`), splits (`s`), moves English sentences between
neighbouring links (`[` gives this link's last English sentence to the next one, `]` takes
the next one's first) and confirms (`c`); `t` mines the pairs for terms and opens the
glossary's candidates with their aligned English; `i` imports the Chinese as a document
whose rows hold this English (as `workbench align --import`); ctrl+s loads the pairs as a
reference memory (their wording then shows as matches in the editor). The edits are
`core/align_edit.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from workbench.core import align_edit
from workbench.core.align import Link
from workbench.core.errors import WorkbenchError
from workbench.ingest_rules import default_rules
from workbench.store.dictionary_index import DictionaryIndex, DictionaryIndexError, open_index
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.text_fields import TextInput
from workbench.workflows.aligning import (
    Alignment,
    MinedTerms,
    align_files,
    import_aligned,
    load_memory,
    mine_terms,
    relinked,
)

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

DOUBTFUL = 0.5  # links under this confidence are the ones `n` visits
MUTED = "$foreground-muted"


def open_dictionary() -> DictionaryIndex | None:
    """The CC-CEDICT index, or None when it cannot be opened (alignment goes on without)."""
    try:
        return open_index()
    except DictionaryIndexError:
        return None


def confidence_style(confidence: float) -> str:
    if confidence < DOUBTFUL:
        return "$text-error bold"
    if confidence < 0.75:
        return "$text-warning"
    return "$text-success"


def start_alignment(app: App[object]) -> None:
    """Ask for the two files, then open the review screen on them (the editor's `L`)."""

    def chosen(paths: tuple[Path, Path] | None) -> None:
        if paths is not None:
            app.push_screen(AlignReviewScreen(*paths))

    app.push_screen(AlignFilesDialog(), chosen)


class AlignFilesDialog(ModalScreen[tuple[Path, Path] | None]):
    """Asks for the Chinese file and its official English version."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="align_files.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="align-files"):
            yield Label("Align an official text with its English", classes="dialog-title")
            yield TextInput(placeholder="Chinese file (txt, md, html)", id="align-zh")
            yield TextInput(placeholder="English file (txt, md, html)", id="align-en")
            yield Label("", id="align-files-error", classes="dialog-error")
            yield Label("enter: next field, then align · esc: close", classes="dialog-hint")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#align-zh")
    def _zh_given(self) -> None:
        self.query_one("#align-en", Input).focus()

    @on(Input.Submitted, "#align-en")
    def _en_given(self) -> None:
        paths = []
        for field in ("#align-zh", "#align-en"):
            value = self.query_one(field, Input).value.strip()
            path = Path(value).expanduser()
            if not value or not path.is_file():
                what = "Give a file" if not value else f"No such file: {value}"
                self.query_one("#align-files-error", Label).update(what)
                self.query_one(field, Input).focus()
                return
            paths.append(path)
        self.dismiss((paths[0], paths[1]))


class AlignReviewScreen(Screen[None]):
    """Review and correct an alignment, then keep it as a reference memory."""

    CSS_PATH = "align_review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "next_doubtful",
            "Next doubtful",
            id="align.next_doubtful",
            tooltip=f"Next link with a confidence under {DOUBTFUL}",
        ),
        Binding("c", "confirm", "Confirm", id="align.confirm", tooltip="The link is right"),
        Binding("j", "join", "Join", id="align.join", tooltip="Join the link with the next one"),
        Binding(
            "s",
            "split",
            "Split",
            id="align.split",
            tooltip="Give the last sentence of the link's longer side a link of its own",
        ),
        Binding(
            "left_square_bracket",
            "push",
            "English ↓",
            id="align.push",
            key_display="[",
            tooltip="Move the link's last English sentence to the next link",
        ),
        Binding(
            "right_square_bracket",
            "pull",
            "English ↑",
            id="align.pull",
            key_display="]",
            tooltip="Move the next link's first English sentence into this link",
        ),
        Binding(
            "t",
            "terms",
            "Terms",
            id="align.terms",
            tooltip="Mine the pairs: glossary terms rendered otherwise, new phrases with "
            "their English (opens the glossary's candidates)",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save memory",
            id="align.save",
            tooltip="Load the linked pairs as a reference memory (matches in the editor)",
        ),
        Binding(
            "i",
            "import_document",
            "Import",
            id="align.import",
            tooltip="Import the Chinese as a document whose rows hold this English",
        ),
        Binding("escape", "back", "Back", id="align.back"),
    ]

    def __init__(
        self,
        zh_path: Path,
        en_path: Path,
        alignment: Alignment | None = None,
        *,
        dictionary: Callable[[], DictionaryIndex | None] | None = None,
    ) -> None:
        super().__init__()
        self.zh_path, self.en_path = Path(zh_path), Path(en_path)
        self.alignment = alignment
        self._open_dictionary = dictionary
        self.links: list[Link] = [p.link for p in alignment.pairs] if alignment else []
        self.saved = False

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    @property
    def memory_name(self) -> str:
        return f"aligned {self.zh_path.stem}"

    def compose(self) -> ComposeResult:
        yield Label("", id="align-title")
        yield DataTable(id="align-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="align-detail"):
            yield Static("", id="align-detail-zh")
            yield Static("", id="align-detail-en")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#align-table", DataTable)
        width = max(40, self.app.size.width - 20)
        table.add_column("Conf", width=4, key="conf")
        table.add_column("Link", width=3, key="link")
        table.add_column("Chinese", width=width * 2 // 5, key="zh")
        table.add_column("English", width=width - width * 2 // 5, key="en")
        if self.alignment is None:
            self._title("Aligning…")
            self._align()
        else:
            self._show(0)
        table.focus()

    @work(thread=True, exclusive=True, group="align")
    def _align(self) -> None:
        try:
            alignment = align_files(
                self.zh_path,
                self.en_path,
                rules=default_rules(),
                glossary=self.workbench.glossary,
                dictionary=(self._open_dictionary or open_dictionary)(),
            )
        except WorkbenchError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._aligned, alignment)

    def _failed(self, message: str) -> None:
        self._title(f"Not aligned: {message}")
        self.notify(message, title="Not aligned", severity="error")

    def _aligned(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self.links = [pair.link for pair in alignment.pairs]
        self._show(0)

    # -- showing -------------------------------------------------------------------------

    def _title(self, text: str) -> None:
        self.query_one("#align-title", Label).update(text)

    def _show(self, cursor: int) -> None:
        if self.alignment is None:
            return
        self.alignment = relinked(self.alignment, self.links)
        table = self.query_one("#align-table", DataTable)
        table.clear()
        for number, pair in enumerate(self.alignment.pairs):
            table.add_row(
                Content.assemble((f"{pair.confidence:.2f}", confidence_style(pair.confidence))),
                pair.link.kind,
                pair.zh or Content.assemble(("(no Chinese)", f"{MUTED} italic")),
                pair.en or Content.assemble(("(untranslated)", f"{MUTED} italic")),
                key=str(number),
            )
        if self.links:
            table.move_cursor(row=min(cursor, len(self.links) - 1))
        doubtful = sum(1 for link in self.links if link.confidence < DOUBTFUL)
        linked = len(self.alignment.linked)
        self._title(
            f"{self.zh_path.name} ↔ {self.en_path.name} · {linked} pairs · "
            f"{len(self.links) - linked} alone · {doubtful} doubtful"
            + (" · saved" if self.saved else "")
        )
        self._detail()

    def _detail(self) -> None:
        index = self._cursor()
        if self.alignment is None or index is None:
            return
        pair = self.alignment.pairs[index]
        heading = Content.assemble(
            (f"{pair.link.kind} ", "bold"),
            (f"{pair.confidence:.2f}", confidence_style(pair.confidence)),
            "\n",
        )
        self.query_one("#align-detail-zh", Static).update(
            Content.assemble(heading, pair.zh or ("(no Chinese)", MUTED))
        )
        self.query_one("#align-detail-en", Static).update(
            Content.assemble(pair.en or ("(untranslated)", MUTED))
        )

    def _cursor(self) -> int | None:
        table = self.query_one("#align-table", DataTable)
        if not self.links or not 0 <= table.cursor_row < len(self.links):
            return None
        return table.cursor_row

    @on(DataTable.RowHighlighted, "#align-table")
    def _highlighted(self) -> None:
        self._detail()

    # -- actions -------------------------------------------------------------------------

    def _edit(self, change: Callable[[Sequence[Link], int], list[Link]], *, then: int = 0) -> None:
        index = self._cursor()
        if index is None:
            return
        self.links = change(self.links, index)
        self.saved = False
        self._show(index + then)

    def action_join(self) -> None:
        self._edit(align_edit.join)

    def action_split(self) -> None:
        self._edit(align_edit.split)

    def action_push(self) -> None:
        self._edit(align_edit.push_english)

    def action_pull(self) -> None:
        self._edit(align_edit.pull_english)

    def action_confirm(self) -> None:
        self._edit(align_edit.confirm, then=1)

    def action_next_doubtful(self) -> None:
        index = self._cursor()
        found = align_edit.next_doubtful(self.links, index or 0, DOUBTFUL)
        if found is None:
            self.notify("No doubtful link left.")
            return
        self.query_one("#align-table", DataTable).move_cursor(row=found)

    def action_save(self) -> None:
        if self.alignment is not None:
            self._save(self.alignment)

    @work(thread=True, exclusive=True, group="align-save")
    def _save(self, alignment: Alignment) -> None:
        try:
            info = load_memory(self.workbench.project, alignment, self.memory_name, replace=True)
        except WorkbenchError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Memory not saved", severity="error"
            )
            return
        self.app.call_from_thread(self._saved, info.units)

    def _saved(self, units: int) -> None:
        self.saved = True
        self._show(self._cursor() or 0)
        self.notify(f"{units} pairs saved as reference memory “{self.memory_name}”.")

    def action_import_document(self) -> None:
        if self.alignment is not None:
            self._import(self.alignment)

    @work(thread=True, exclusive=True, group="align-save")
    def _import(self, alignment: Alignment) -> None:
        try:
            done = import_aligned(self.workbench.project, alignment, default_rules())
        except WorkbenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not imported", severity="error")
            return
        message = (
            f"{done.document.name}: {done.filled} rows given this English, "
            f"{done.to_review} marked for review"
            + (f", {done.conflicts} already translated left alone" if done.conflicts else "")
            + " (o in the editor opens it)."
        )
        self.app.call_from_thread(self.notify, message)

    def action_terms(self) -> None:
        if self.alignment is not None:
            self._title("Mining terms…")
            self._mine(self.alignment)

    @work(thread=True, exclusive=True, group="align-terms")
    def _mine(self, alignment: Alignment) -> None:
        mined = mine_terms(
            alignment,
            self.workbench.glossary,
            dictionary=(self._open_dictionary or open_dictionary)(),
        )
        self.app.call_from_thread(self._mined, mined)

    def _mined(self, mined: MinedTerms) -> None:
        from workbench.tui.screens.glossary_review import GlossaryReviewScreen

        self._show(self._cursor() or 0)
        other = [use for use in mined.uses if not use.consistent]
        if other:
            shown = "; ".join(
                f"{use.term.source} ({use.other} of {use.approved + use.variant + use.other})"
                for use in other[:3]
            )
            self.notify(
                f"Rendered otherwise than the glossary says: {shown}",
                title=f"{len(other)} glossary terms",
                severity="warning",
            )
        self.app.push_screen(GlossaryReviewScreen(aligned=mined.candidates))

    def action_back(self) -> None:
        self.app.pop_screen()
