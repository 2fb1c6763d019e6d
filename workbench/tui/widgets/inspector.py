"""The inspector: details of the current row in tabs (terms, issues, memory, dictionary).

What the inspector knows is one `InspectorState` (the row, and the slower data that arrives
for it: quality issues, memory matches). Each tab is an `InspectorTab` subclass listed in
`Inspector.TABS` that turns the state into `Content`; adding a tab means writing one class
(and, if it needs data of its own, a field in the state). Only the tab on screen is
rendered: the others are brought up to date when they are opened, which keeps cursor
movement cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from workbench.core.concordance import keyword_in_context
from workbench.core.dictionary import WordInfo
from workbench.core.glossary import TermProblem
from workbench.core.qa import QaIssue, Severity
from workbench.core.tm import DiffKind, TmMatch, percent
from workbench.tui.rows import Row, issue_text
from workbench.tui.widgets.words import label_width, word_detail, word_line, words_of_row

ERROR = "$text-error bold"
WARNING = "$text-warning bold"
OK = "$text-success"
MUTED = "$foreground-muted"
Part = str | tuple[str, str]
MATCH_KEYS = 9  # alt+1 … alt+9 put memory match N in the edit box
MT_KEY = "alt+m"  # puts the machine translation in the edit box


def _note(message: str) -> Content:
    return Content.assemble((message, f"{MUTED} italic"))


NO_ROW = _note("No row selected.")


@dataclass(frozen=True)
class RowWords:
    """The row's words from the glossary and the dictionary, and the one at the word
    cursor; or, while there are none, why (the dictionary is opening, or failed)."""

    words: tuple[WordInfo, ...] = ()
    selected: WordInfo | None = None
    source: str = ""  # the row's Chinese, to show the selected word in context
    message: str = ""
    failed: bool = False


@dataclass(frozen=True)
class InspectorState:
    """Everything the tabs show about the current row."""

    row: Row | None = None
    issues: tuple[QaIssue, ...] | None = None  # None until the quality checks have run
    matches: tuple[TmMatch, ...] | None = None  # None until the memory was searched
    words: RowWords | None = None  # None until the dictionary was asked


class InspectorTab(VerticalScroll):
    """One tab of the inspector: renders the state into a scrolling text."""

    TITLE: ClassVar[str] = ""
    TAB_ID: ClassVar[str] = ""
    KEYS_TITLE = "Inspector (tab from the rows)"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "cycle_tab(1)", "Next tab", id="inspector.next_tab"),
        Binding("left", "cycle_tab(-1)", "Previous tab", id="inspector.previous_tab"),
        Binding("escape", "back_to_rows", "Back to rows", id="inspector.back"),
    ]

    def action_cycle_tab(self, step: int) -> None:
        inspector = next(a for a in self.ancestors if isinstance(a, Inspector))
        inspector.cycle_tab(step)

    def action_back_to_rows(self) -> None:
        self.screen.query_one("SegmentTable").focus()

    DEFAULT_CSS = """
    InspectorTab { padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(id=f"inspector-tab-{self.TAB_ID}")
        self._body = Static(NO_ROW, classes="inspector-body")
        self.shown: InspectorState | None = None  # the state last rendered

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, state: InspectorState) -> None:
        if state != self.shown:
            self.shown = state
            self._body.update(NO_ROW if state.row is None else self.render_state(state))

    def render_state(self, state: InspectorState) -> Content:
        raise NotImplementedError


class TermsTab(InspectorTab):
    """The glossary terms found in the row's Chinese, with their agreed English."""

    TITLE = "Terms"
    TAB_ID = "terms"

    def render_state(self, state: InspectorState) -> Content:
        row = state.row
        if row is None or row.check is None:
            return NO_ROW
        terms = list(dict.fromkeys(hit.term for hit in row.check.hits))
        if not terms:
            return _note("No glossary terms in this paragraph.")
        problems = {(i.term.source, i.problem) for i in row.check.issues}
        has_english = bool(row.english.strip())
        parts: list[Part] = []
        for term in terms:
            if not has_english:
                mark, style = "", MUTED
            elif (term.source, TermProblem.FORBIDDEN) in problems:
                mark, style = "✗ forbidden rendering used", ERROR
            elif (term.source, TermProblem.MISSING) in problems:
                mark, style = "✗ missing", ERROR
            else:
                mark, style = "✔ used", OK
            parts += [(term.source, "bold"), " → ", (term.target, "bold"), (f"  {mark}\n", style)]
            if term.variants:
                parts.append((f"  also: {' | '.join(term.variants)}\n", MUTED))
            if term.forbidden:
                parts.append((f"  never: {' | '.join(term.forbidden)}\n", MUTED))
            if term.note:
                parts.append((f"  {term.note}\n", f"{MUTED} italic"))
        return Content.assemble(*parts)


class IssuesTab(InspectorTab):
    """Every issue of the row: glossary violations at once, all quality checks when run."""

    TITLE = "Issues"
    TAB_ID = "issues"

    def render_state(self, state: InspectorState) -> Content:
        row = state.row
        assert row is not None
        parts: list[Part] = []
        if state.issues is None:
            for violation in row.violations:
                parts += [("✗ ", ERROR), issue_text(violation) + "\n"]
            if not row.violations:
                parts.append(("No glossary violations.\n", "italic"))
            parts.append(("Running the quality checks…", f"{MUTED} italic"))
            return Content.assemble(*parts)
        if not state.issues:
            return _note("No issues.")
        for issue in state.issues:
            error = issue.severity is Severity.ERROR
            parts += [
                ("✗ " if error else "! ", ERROR if error else WARNING),
                (f"{issue.check}: ", MUTED),
                issue.message + "\n",
            ]
        return Content.assemble(*parts)


class MemoryTab(InspectorTab):
    """The machine translation and the memory matches, numbered for the keys that put one in
    the edit box (alt+m, alt+1…alt+9): score, origin, English and how the Chinese differs."""

    TITLE = "Memory"
    TAB_ID = "memory"

    def render_state(self, state: InspectorState) -> Content:
        parts: list[Part | Content] = []
        row = state.row
        if row is not None and row.paragraph.mt:
            parts += [(f"{MT_KEY:>6} ", "bold"), ("machine translation\n", MUTED)]
            parts.append(row.paragraph.mt + "\n\n")
        if state.matches is None:
            return Content.assemble(*parts, _note("Looking up the memory…"))
        if not state.matches:
            return Content.assemble(*parts, _note("No memory matches."))
        for number, match in enumerate(state.matches, start=1):
            key = f"alt+{number}" if number <= MATCH_KEYS else ""
            parts += [
                (f"{key:>6} ", "bold"),
                (f"{percent(match):>4} ", f"{OK} bold" if match.exact else "bold"),
                (f"{match.unit.origin}\n", MUTED),
                _diff_text(match),
                "\n" + match.unit.target + "\n\n",
            ]
        return Content.assemble(*parts)


class DictionaryTab(InspectorTab):
    """The words of the row's Chinese by longest match, glossary terms first, one line each;
    above them, in full, the word at the word cursor (alt+← alt+→)."""

    TITLE = "Dictionary"
    TAB_ID = "dictionary"

    DEFAULT_CSS = """
    DictionaryTab #dictionary-words { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._words = Static("", id="dictionary-words")

    def compose(self) -> ComposeResult:
        yield self._body
        yield self._words

    def show(self, state: InspectorState) -> None:
        if state == self.shown:
            return
        self.shown = state
        detail, words = self.render_parts(state)
        self._body.update(detail)
        self._words.update(words)
        self._words.display = bool(words)

    def render_state(self, state: InspectorState) -> Content:
        detail, words = self.render_parts(state)
        return Content("\n").join([detail, words]) if words else detail

    def render_parts(self, state: InspectorState) -> tuple[Content, Content]:
        """The word at the cursor (or a hint, or a message), and the list of words."""
        found = state.words
        if state.row is None:
            return NO_ROW, Content()
        if found is None:
            return _note("Looking up the words…"), Content()
        if found.message:
            style = ERROR if found.failed else f"{MUTED} italic"
            return Content.assemble((found.message, style)), Content()
        listed = words_of_row(found.words)
        if not listed:
            return _note("No Chinese words in this paragraph."), Content()
        selected = found.selected
        if selected is None:
            detail = _note("alt+← alt+→ step through the words · ctrl+l looks one up")
        else:
            context = keyword_in_context(found.source, selected.start, selected.end, width=8)
            detail = Content.assemble(
                ("▸ ", "bold"),
                (selected.text, "bold reverse"),
                (f"  {context.before}", MUTED),
                (context.match, f"{MUTED} underline"),
                (f"{context.after}\n", MUTED),
                word_detail(selected),
                "\n",
            )
        pad = label_width((w.text for w in listed), cap=16)
        chosen = selected.text if selected is not None else None
        lines = [
            Content.assemble(
                ("▸ " if word.text == chosen else "  ", "bold"), word_line(word, pad=pad)
            )
            for word in listed
        ]
        return detail, Content("\n").join(lines)


class NoteTab(InspectorTab):
    """The translator's note on the row, whole (alt+n writes or changes it)."""

    TITLE = "Note"
    TAB_ID = "note"

    def render_state(self, state: InspectorState) -> Content:
        row = state.row
        assert row is not None
        if not row.paragraph.note:
            return _note("No note on this row; alt+n writes one.")
        return Content.assemble(row.paragraph.note, ("\n\nalt+n changes it", f"{MUTED} italic"))


def _diff_text(match: TmMatch) -> Content:
    """The memory's Chinese with what differs from this row marked: removed, added."""
    diff = match.diff
    parts: list[Part] = []
    for span in diff.spans:
        old = diff.memory_source[span.mem_start : span.mem_end]
        new = diff.segment[span.start : span.end]
        if span.kind is DiffKind.EQUAL:
            parts.append(new)
            continue
        if old:
            parts.append((old, "$text-error strike"))
        if new:
            parts.append((new, "$text-success underline"))
    return Content.assemble(*parts)


class Inspector(Vertical):
    """Tabs about the current row; only the open tab is kept up to date.

    Tab from the grid gives the focus to the open tab (the tab bar itself is skipped): it
    is marked, the arrows scroll it, ← → switch tabs and esc goes back to the rows."""

    DEFAULT_CSS = """
    Inspector { height: auto; }
    Inspector TabbedContent { height: 1fr; }
    Inspector ContentSwitcher { height: 1fr; }
    Inspector TabPane { padding: 0; height: 1fr; }
    Inspector InspectorTab:focus { background: $primary 15%; }
    Inspector:focus-within ContentTab.-active { text-style: bold reverse; }
    """

    TABS: ClassVar[tuple[type[InspectorTab], ...]] = (
        TermsTab,
        IssuesTab,
        MemoryTab,
        DictionaryTab,
        NoteTab,
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = InspectorState()
        self._tabs: dict[str, InspectorTab] = {}  # by the id of their pane

    def on_mount(self) -> None:
        # The tab bar would take the focus between the grid and the tab, with no visible
        # effect of the arrows: the open tab takes it instead.
        self.query_one("ContentTabs").can_focus = False

    def cycle_tab(self, step: int) -> None:
        """The next (or previous) tab to the front, with the focus."""
        ids = [f"inspector-{kind.TAB_ID}" for kind in self.TABS]
        tabs = self.query_one(TabbedContent)
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]
        self.refresh_open_tab()
        if self.open_tab is not None:
            self.open_tab.focus()

    def compose(self) -> ComposeResult:
        with TabbedContent():
            for kind in self.TABS:
                tab = kind()
                self._tabs[f"inspector-{kind.TAB_ID}"] = tab
                with TabPane(kind.TITLE, id=f"inspector-{kind.TAB_ID}"):
                    yield tab

    def show_row(self, row: Row | None) -> None:
        if self.state.row is None or row is None or row.id != self.state.row.id:
            self.state = InspectorState(row)
        else:
            self.state = replace(self.state, row=row)
        self.refresh_open_tab()

    def show_issues(self, paragraph_id: int, issues: Sequence[QaIssue]) -> None:
        if self.state.row is not None and self.state.row.id == paragraph_id:
            self.state = replace(self.state, issues=tuple(issues))
            self.refresh_open_tab()

    def show_matches(self, paragraph_id: int, matches: Sequence[TmMatch]) -> None:
        if self.state.row is not None and self.state.row.id == paragraph_id:
            self.state = replace(self.state, matches=tuple(matches))
            self.refresh_open_tab()

    def show_words(self, paragraph_id: int, words: RowWords) -> None:
        if self.state.row is not None and self.state.row.id == paragraph_id:
            self.state = replace(self.state, words=words)
            self.refresh_open_tab()

    @property
    def active(self) -> str:
        """The TAB_ID of the open tab."""
        if not self.is_mounted:
            return ""
        return self.query_one(TabbedContent).active.removeprefix("inspector-")

    def switch_to(self, tab_id: str) -> None:
        """Bring the tab with this TAB_ID to the front."""
        self.query_one(TabbedContent).active = f"inspector-{tab_id}"
        self.refresh_open_tab()

    @property
    def showing_dictionary(self) -> bool:
        return self.display and self.active == DictionaryTab.TAB_ID

    @property
    def open_tab(self) -> InspectorTab | None:
        if not self.is_mounted:
            return None
        return self._tabs.get(self.query_one(TabbedContent).active)

    def refresh_open_tab(self) -> None:
        """Render the open tab, unless the inspector is hidden (it catches up when shown)."""
        tab = self.open_tab
        if tab is not None and self.display:
            tab.show(self.state)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_open_tab()
