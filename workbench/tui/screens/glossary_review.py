"""The glossary review screen: terms with their use in the project, and candidate terms.

Every change goes through `WorkbenchApp.update_glossary`, which writes the glossary file
atomically and tells the editor to re-check its rows, so the flags there are always those of
the glossary on disk. Usage figures and renderings come from `workbench.core.term_usage`,
candidates from `workbench.core.term_candidates`; this screen only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.core.align_terms import PhraseCandidate
from workbench.core.errors import GlossaryError, WorkbenchError
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.core.phrasing import counted
from workbench.core.term_candidates import TermCandidate
from workbench.core.term_usage import (
    RenderingKind,
    TermUsage,
    is_inconsistent,
    rendering_groups,
)
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project
from workbench.tui.screens.pickers import ConfirmDialog
from workbench.tui.screens.term_form import TermEdit, TermForm
from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.text_fields import TextInput
from workbench.workflows.glossary_review import candidates, dismiss_candidate, project_usage

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

MUTED = "$foreground-muted"
WIDE = 120  # columns from which the term details sit beside the table
# Term table columns and their widths in cells; "Approved" is rows using the approved
# rendering (or a variant) out of the translated rows containing the term.
COLUMNS = (("Chinese", 20), ("English", 24), ("Status", 9), ("Rows", 4), ("Approved", 8))
GROUP_STYLE = {
    RenderingKind.APPROVED: ("✔", "$text-success"),
    RenderingKind.VARIANT: ("✔", "$text-success"),
    RenderingKind.FORBIDDEN: ("✗", "$text-error"),
    RenderingKind.OTHER: ("✗", "$text-error"),
    RenderingKind.UNTRANSLATED: ("◌", MUTED),
}
GROUP_LABEL = {
    RenderingKind.APPROVED: "approved rendering",
    RenderingKind.VARIANT: "variant",
    RenderingKind.FORBIDDEN: "forbidden rendering",
    RenderingKind.OTHER: "no approved rendering",
    RenderingKind.UNTRANSLATED: "not translated yet",
}
STATUS_STYLE = {
    TermStatus.APPROVED: "$text-success",
    TermStatus.CANDIDATE: "on $warning 30%",  # a tint: amber text is hard to read on light
    TermStatus.REJECTED: f"{MUTED} strike",
}


# Keys whose meaning depends on the tab shown (see `check_action`).
_CANDIDATE_ACTIONS = frozenset({"add_candidate", "dismiss_candidate"})
_TERM_ACTIONS = frozenset({"approve", "reject", "edit_term", "delete_term", "occurrences"})


class GlossaryReviewScreen(Screen[None]):
    """Review, edit and extend the glossary against the project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the editor"),
        Binding("slash", "filter", "Filter", key_display="/", id="review.filter"),
        Binding("n", "add_term", "New term", id="review.add"),
        Binding("e", "edit_term", "Edit", id="review.edit"),
        Binding(
            "a",
            "approve",
            "Approve",
            id="review.approve",
            tooltip="Approve the term, or accept the candidate into the form",
        ),
        Binding(
            "x",
            "reject",
            "Reject",
            id="review.reject",
            tooltip="Reject the term, or dismiss the candidate",
        ),
        Binding(
            "a",
            "add_candidate",
            "Add as candidate",
            id="review.add_candidate",
            tooltip="Add the phrase to the glossary as a candidate term (a form opens)",
        ),
        Binding(
            "x,delete",
            "dismiss_candidate",
            "Dismiss",
            id="review.dismiss_candidate",
            tooltip="Never suggest this phrase again",
        ),
        Binding("delete", "delete_term", "Delete", id="review.delete"),
        Binding(
            "o",
            "occurrences",
            "Occurrences",
            id="review.occurrences",
            tooltip="Go to the list of rows using the term; enter jumps to one",
        ),
        Binding(
            "c",
            "toggle_candidates",
            "Candidates",
            id="review.candidates",
            tooltip="Switch between the terms and the suggested candidate terms",
        ),
    ]

    def __init__(self, aligned: Sequence[PhraseCandidate] = ()) -> None:
        """`aligned`: phrase candidates mined from an aligned official text (the alignment
        screen's `t`), shown first on the candidates tab with their English rendering."""
        super().__init__()
        self.aligned = {c.chinese: c for c in aligned}
        self._typed = TypedFields(self)
        self.usage: dict[str, TermUsage] = {}
        self.candidates: list[TermCandidate] = []
        self.counted = False  # usage and candidates are those of the current glossary
        self._table_width = 0
        self._shown: list[Term] = []

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    @property
    def project(self) -> Project:
        return self.workbench.project

    @property
    def glossary(self) -> Glossary:
        return self.workbench.glossary

    def compose(self) -> ComposeResult:
        yield Label("", id="review-title")
        with TabbedContent(id="review-tabs", initial="review-candidates" if self.aligned else ""):
            with TabPane("Terms", id="review-terms"):
                yield TextInput(
                    placeholder="/ filter: Chinese, English or status",
                    id="term-filter",
                    compact=True,
                )
                with Container(id="review-body"):
                    yield DataTable(id="terms-table", cursor_type="row", zebra_stripes=True)
                    with Vertical(id="term-detail"):
                        yield Static("", id="term-info")
                        yield OptionList(id="occurrences")
            with TabPane("Candidates", id="review-candidates"):
                yield Label(
                    "Recurring Chinese phrases that are not in the glossary. "
                    "a or enter: add as a candidate term · x: dismiss for good",
                    classes="dialog-hint",
                )
                yield DataTable(id="candidates-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "-wide")  # before the first layout
        terms = self.query_one("#terms-table", DataTable)
        self._add_term_columns(terms, 90)
        table = self.query_one("#candidates-table", DataTable)
        table.add_columns("Chinese", "Count", "Paragraphs")
        if self.aligned:
            table.add_column("English (aligned)")
        self.refresh_all()
        (table if self.aligned else terms).focus()
        self._typed.restore()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
        self.call_after_refresh(self._fit_columns)

    def _add_term_columns(self, table: DataTable[object], width: int) -> None:
        """Chinese and English share what the fixed columns leave (each column has a cell of
        padding on both sides)."""
        fixed = sum(w for _, w in COLUMNS[2:]) + 2 * len(COLUMNS) + 2
        free = max(36, width - fixed)
        chinese = max(16, free * 2 // 5)
        widths = [chinese, free - chinese, *(w for _, w in COLUMNS[2:])]
        for (label, _), column_width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=column_width)
        self._table_width = width

    def _fit_columns(self) -> None:
        table = self.query_one("#terms-table", DataTable)
        width = table.scrollable_content_region.width
        if width and width != self._table_width:
            table.clear(columns=True)
            self._add_term_columns(table, width)
            self._fill_terms(self._current_source())

    # -- content ---------------------------------------------------------------------------

    def refresh_all(self, *, keep: str | None = None) -> None:
        """Show the glossary as it is now; usage and candidates follow from a worker."""
        self.counted = False
        self._show_title()
        self._fill_terms(keep or self._current_source())
        self._count_usage(self.glossary)

    def _show_title(self) -> None:
        counts = f" · {len(self.candidates)} candidates" if self.counted else " · counting…"
        self.query_one("#review-title", Label).update(
            Content.assemble(
                ("Glossary ", "bold"),
                (_shown_path(self.workbench.glossary_path), MUTED),
                f" · {len(self.glossary)} terms{counts}",
            )
        )

    @work(thread=True, exclusive=True, group="usage")
    def _count_usage(self, glossary: Glossary) -> None:
        """Term usage and candidates over the whole project: a second or two on a large one."""
        usage = project_usage(self.project, glossary)
        found = candidates(self.project, glossary)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._usage_ready, glossary, usage, found)

    def _usage_ready(
        self, glossary: Glossary, usage: dict[str, TermUsage], found: list[TermCandidate]
    ) -> None:
        if glossary is not self.glossary:
            return  # the glossary changed meanwhile; a newer count is on its way
        self.usage = usage
        known = {c.text for c in found}
        self.candidates = [
            TermCandidate(c.chinese, c.count, 0)
            for c in self.aligned.values()
            if c.chinese not in known
        ] + found
        self.counted = True
        self._show_title()
        self._fill_terms(self._current_source())
        self._fill_candidates()

    def _fill_terms(self, current: str | None = None) -> None:
        table = self.query_one("#terms-table", DataTable)
        query = self.query_one("#term-filter", Input).value.strip().casefold()
        self._shown = [term for term in self.glossary.terms if _matches(term, query)]
        table.clear()
        for term in self._shown:
            usage = self.usage.get(term.source) if self.counted else None
            rows = usage.occurrences if usage else 0
            used = Content("" if self.counted else "…")
            if usage and usage.translated:
                ok = usage.consistent == usage.translated
                used = Content.assemble(
                    (f"{usage.consistent}/{usage.translated}", "" if ok else "$text-error bold")
                )
            table.add_row(
                term.source,
                term.target,
                Content.assemble((term.status.value, STATUS_STYLE[term.status])),
                str(rows) if rows else ("" if self.counted else "…"),
                used,
                key=term.source,
            )
        if current is not None:
            index = next((i for i, t in enumerate(self._shown) if t.source == current), None)
            if index is not None:
                table.move_cursor(row=index)
        self._show_detail()

    def _fill_candidates(self) -> None:
        table = self.query_one("#candidates-table", DataTable)
        table.clear()
        for candidate in self.candidates:
            cells = [candidate.text, str(candidate.count), str(candidate.texts)]
            if self.aligned:
                cells.append(self._aligned_english(candidate.text))
            table.add_row(*cells, key=candidate.text)
        pane = self.query_one("#review-tabs", TabbedContent)
        pane.get_tab("review-candidates").label = f"Candidates ({len(self.candidates)})"

    def _aligned_english(self, chinese: str) -> str:
        """The likeliest English of an aligned official text for the phrase ("" if none)."""
        mined = self.aligned.get(chinese)
        return mined.renderings[0].english if mined and mined.renderings else ""

    def _current_term(self) -> Term | None:
        table = self.query_one("#terms-table", DataTable)
        if not self._shown or table.cursor_row < 0 or table.cursor_row >= len(self._shown):
            return None
        return self._shown[table.cursor_row]

    def _current_source(self) -> str | None:
        if not self.is_mounted or not self._shown:
            return None
        term = self._current_term()
        return term.source if term else None

    def _current_candidate(self) -> TermCandidate | None:
        table = self.query_one("#candidates-table", DataTable)
        if not self.candidates or not 0 <= table.cursor_row < len(self.candidates):
            return None
        return self.candidates[table.cursor_row]

    def _show_detail(self) -> None:
        term = self._current_term()
        info = self.query_one("#term-info", Static)
        occurrences = self.query_one("#occurrences", OptionList)
        occurrences.clear_options()
        if term is None:
            info.update(Content.assemble(("No term selected.", f"{MUTED} italic")))
            return
        parts: list[str | tuple[str, str]] = [
            (term.source, "bold"),
            " → ",
            (term.target, "bold"),
            (f"  {term.status.value}", STATUS_STYLE[term.status]),
        ]
        if term.variants:
            parts.append((f"\nalso: {' | '.join(term.variants)}", MUTED))
        if term.forbidden:
            parts.append((f"\nnever: {' | '.join(term.forbidden)}", MUTED))
        if term.note:
            parts.append((f"\n{term.note}", f"{MUTED} italic"))
        if not self.counted:
            parts.append(("\n\nCounting the rows that use it…", f"{MUTED} italic"))
            info.update(Content.assemble(*parts))
            return
        usage = self.usage.get(term.source)
        ids = usage.paragraphs if usage else ()
        paragraphs = [self.project.paragraph(pid) for pid in ids]
        groups = rendering_groups(term, paragraphs)
        if not paragraphs:
            parts.append(("\n\nNot found in the project.", f"{MUTED} italic"))
        elif is_inconsistent(groups):
            parts.append(("\n\nRendered inconsistently across rows:", "$text-error bold"))
        else:
            parts.append((f"\n\n{counted(len(paragraphs), 'row')}; enter on one opens it.", MUTED))
        info.update(Content.assemble(*parts))
        names = {d.id: _short(d.name, 16) for d in self.project.documents()}
        numbers = self._row_numbers({p.document_id for p in paragraphs})
        by_id = {p.id: p for p in paragraphs}
        options: list[Option] = []
        for group in groups:
            mark, style = GROUP_STYLE[group.kind]
            label = GROUP_LABEL[group.kind]
            heading = f"{mark} {label}" + (f" “{group.rendering}”" if group.rendering else "")
            options.append(
                Option(
                    Content.assemble((heading, f"{style} bold"), f" · {len(group.paragraphs)}"),
                    disabled=True,
                )
            )
            for pid in group.paragraphs:
                paragraph = by_id[pid]
                where = f"  {names.get(paragraph.document_id, '?')} ¶{numbers.get(pid, '?')}  "
                english = " ".join((paragraph.english or "").split())
                options.append(
                    Option(
                        Content.assemble((where, MUTED), english[:160] or "(no English)"),
                        id=str(pid),
                    )
                )
        occurrences.add_options(options)

    def _row_numbers(self, documents: set[int]) -> dict[int, int]:
        numbers: dict[int, int] = {}
        for document_id in documents:
            for number, paragraph in enumerate(self.project.paragraphs(document_id), start=1):
                numbers[paragraph.id] = number
        return numbers

    # -- events ----------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#terms-table")
    def _term_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#terms-table")
    def _term_selected(self) -> None:
        self.action_edit_term()

    @on(DataTable.RowSelected, "#candidates-table")
    def _candidate_selected(self) -> None:
        self.action_approve()

    @on(Input.Changed, "#term-filter")
    def _filter_changed(self) -> None:
        self._fill_terms()

    @on(Input.Submitted, "#term-filter")
    def _filter_done(self) -> None:
        self.query_one("#terms-table", DataTable).focus()

    @on(OptionList.OptionSelected, "#occurrences")
    def _occurrence_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.workbench.show_paragraph(int(event.option.id))

    # -- actions ---------------------------------------------------------------------------

    def _on_candidates(self) -> bool:
        return self.query_one("#review-tabs", TabbedContent).active == "review-candidates"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key bar and the palette name what a key does on the tab shown: on the
        candidates, a adds one (as a candidate) and x dismisses it."""
        if action in _CANDIDATE_ACTIONS or action in _TERM_ACTIONS:
            if not self.is_mounted:
                return True
            on_candidates = self._on_candidates()
            return on_candidates if action in _CANDIDATE_ACTIONS else not on_candidates
        return True

    @on(TabbedContent.TabActivated, "#review-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def action_add_candidate(self) -> None:
        self.action_approve()

    def action_dismiss_candidate(self) -> None:
        self.action_reject()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input | OptionList):
            self.query_one("#terms-table", DataTable).focus()
            return
        self._typed.keep()
        self.app.pop_screen()

    def action_filter(self) -> None:
        self.query_one("#review-tabs", TabbedContent).active = "review-terms"
        self.query_one("#term-filter", Input).focus()

    def action_toggle_candidates(self) -> None:
        tabs = self.query_one("#review-tabs", TabbedContent)
        on_candidates = tabs.active == "review-candidates"
        tabs.active = "review-terms" if on_candidates else "review-candidates"
        table = "#terms-table" if on_candidates else "#candidates-table"
        self.query_one(table, DataTable).focus()

    def action_occurrences(self) -> None:
        occurrences = self.query_one("#occurrences", OptionList)
        if occurrences.option_count:
            occurrences.focus()
            first = next(
                (
                    i
                    for i in range(occurrences.option_count)
                    if not occurrences.get_option_at_index(i).disabled
                ),
                None,
            )
            if first is not None:
                occurrences.highlighted = first

    def _save(self, glossary: Glossary, message: str, keep: str | None = None) -> None:
        try:
            self.workbench.update_glossary(glossary)
        except GlossaryError as exc:
            self.notify(str(exc), title="Glossary not saved", severity="error")
            return
        self.refresh_all(keep=keep)
        self.notify(message)

    def _apply_edit(self, edit: TermEdit | None) -> None:
        if edit is None:
            return
        glossary = self.glossary
        if edit.replaces is not None and edit.replaces in glossary:
            glossary = glossary.without(edit.replaces)
        verb = "Saved" if edit.replaces else "Added"
        self._save(glossary.with_term(edit.term), f"{verb} {edit.term.source}.", edit.term.source)

    def action_add_term(self) -> None:
        self.app.push_screen(TermForm(self.glossary), self._apply_edit)

    def action_edit_term(self) -> None:
        term = self._current_term()
        if term is not None:
            self.app.push_screen(TermForm(self.glossary, term), self._apply_edit)

    def action_approve(self) -> None:
        if self._on_candidates():
            candidate = self._current_candidate()
            if candidate is not None:
                form = TermForm(
                    self.glossary,
                    source=candidate.text,
                    target=self._aligned_english(candidate.text),
                    status=TermStatus.CANDIDATE,
                )
                self.app.push_screen(form, self._apply_edit)
            return
        term = self._current_term()
        if term is not None and term.status is not TermStatus.APPROVED:
            self._save(self.glossary.approve(term.source), f"Approved {term.source}.", term.source)

    def action_reject(self) -> None:
        if self._on_candidates():
            candidate = self._current_candidate()
            if candidate is not None:
                try:
                    dismiss_candidate(self.project, candidate.text)
                except WorkbenchError as exc:  # read-only, or another program writing
                    self.notify(f"Not dismissed: {exc}", severity="error")
                    return
                self.candidates = [c for c in self.candidates if c.text != candidate.text]
                self._fill_candidates()
                self._show_title()
                self.notify(f"Dismissed {candidate.text}; it will not be suggested again.")
            return
        term = self._current_term()
        if term is not None and term.status is not TermStatus.REJECTED:
            self._save(self.glossary.reject(term.source), f"Rejected {term.source}.", term.source)

    def action_delete_term(self) -> None:
        if self._on_candidates():
            self.action_reject()
            return
        term = self._current_term()
        if term is None:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self._save(self.glossary.without(term.source), f"Deleted {term.source}.")

        self.app.push_screen(
            ConfirmDialog(f"Delete {term.source} → {term.target} from the glossary?"), delete
        )


def _matches(term: Term, query: str) -> bool:
    if not query:
        return True
    fields = (term.source, term.target, term.status.value, *term.variants, *term.forbidden)
    return any(query in field.casefold() for field in fields)


def _shown_path(path: Path | ProjectGlossary) -> str:
    """The path as the translator typed it: relative to the working folder when inside it."""
    if isinstance(path, ProjectGlossary):
        return str(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
