"""Translating a project: chunks, cache, constraint signatures, force, flags, cancellation.

The engine is a scripted fake (tests.mt_fixtures.ScriptedTranslator) wrapped in the
RecordingTranslator, so every sentence that reaches it is counted; the real engine is
exercised in tests/functional/test_cli_translate.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from tests.mt_fixtures import ScriptedTranslator, latin_only
from workbench.core.errors import ModelNotInstalledError
from workbench.core.glossary import CaseRule, Glossary, Term
from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    ParagraphKind,
    Status,
)
from workbench.mt.base import Translator
from workbench.mt.recording import RecordingTranslator
from workbench.store.mt_cache import CachedTranslation, MtCache, UnmetTerm
from workbench.store.project import Project
from workbench.workflows.checking import check_project, issues_for_paragraph
from workbench.workflows.mt_engine import EngineProvider
from workbench.workflows.translating import TranslateProgress, flagged_rows, translate_paragraphs
from workbench.workflows.translation_plan import (
    constraint_signature,
    plan_translation,
    prune_mt_cache,
)

AI = Term("人工智能", "artificial intelligence", forbidden=("AI",))
DIVIDE = Term("数字鸿沟", "digital divide")
GLOSSARY = Glossary([AI, DIVIDE])

# One list of sentences per paragraph.
PARAGRAPHS = [
    ["人工智能发展很快。", "数字鸿沟正在扩大。"],
    ["今天天气很好。"],
    ["人工智能发展很快。"],  # the same sentence as above: translated once
    ["我们开会。", "会上讨论了数字鸿沟。", "大家都同意。"],
    ["会议结束了。"],
]
DIVIDE_SENTENCES = {"数字鸿沟正在扩大。", "会上讨论了数字鸿沟。"}


def copy_latin(source: str) -> str:
    """A model that keeps the English it finds in the source (code-switching works)."""
    return f"Text {latin_only(source)}".strip()


def engine(
    model_id: str = "fake-model-1", fallback: Callable[[str], str] = copy_latin
) -> RecordingTranslator:
    fake = ScriptedTranslator({}, fallback=fallback)
    fake.model_id = model_id
    return RecordingTranslator(fake)


def first_pass(recorder: RecordingTranslator, project: Project) -> list[str]:
    """Project sentences the engine was asked to translate (rewritten sources left out)."""
    known = {s.source for s in project.all_sentences()}
    return [sentence for sentence in recorder.sentences if sentence in known]


def make_project(path: Path, paragraphs: Sequence[Sequence[str]] = PARAGRAPHS) -> Project:
    project = Project.open(path)
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph("".join(p), ParagraphKind.BODY, i + 1, "".join(p))
            for i, p in enumerate(paragraphs)
        ),
    )
    project.add_document(
        clean,
        name="doc.txt",
        path="/doc.txt",
        sha256=path.name,
        encoding="utf-8",
        fmt="txt",
        sentences=[list(p) for p in paragraphs],
    )
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "p.sqlite")


def test_translates_every_row_and_enforces_the_glossary(project: Project) -> None:
    recorder = engine()
    summary = translate_paragraphs(project, GLOSSARY, recorder)
    paragraphs = project.paragraphs()
    assert all(p.mt for p in paragraphs)
    assert {p.status for p in paragraphs} == {Status.MACHINE}
    assert all(p.target is None for p in paragraphs)
    first = project.sentences(paragraphs[0].id)
    assert "artificial intelligence" in (first[0].mt or "")
    assert "digital divide" in (first[1].mt or "")
    assert paragraphs[0].mt == f"{first[0].mt} {first[1].mt}"
    assert summary.rows_written == summary.rows_selected == len(PARAGRAPHS)
    assert summary.sentences_translated == 7  # eight sentences, one repeated
    assert summary.sentences_reused == 1
    assert summary.flagged == ()
    assert not summary.cancelled


def test_identical_sentences_go_to_the_engine_once(project: Project) -> None:
    recorder = engine()
    translate_paragraphs(project, GLOSSARY, recorder)
    sent = first_pass(recorder, project)
    assert sent.count("人工智能发展很快。") == 1
    assert len(sent) == len(set(sent)) == 7


def test_chunks_take_sentences_from_several_paragraphs_and_are_saved_at_once(
    project: Project,
) -> None:
    recorder = engine()
    events: list[TranslateProgress] = []
    saved_when_reported: list[bool] = []

    def progress(event: TranslateProgress) -> None:
        events.append(event)
        # Written (and committed) before the report: a kill now would lose nothing of it.
        saved_when_reported.append(all(project.paragraph(pid).mt for pid in event.updated))

    translate_paragraphs(project, GLOSSARY, recorder, chunk_size=3, progress=progress)
    ids = [p.id for p in project.paragraphs()]
    # At most 3 new sentences a chunk: [p1 (2) + p2 (1) + p3 (a repeat: 0)], [p4 (3)], [p5].
    assert [e.updated for e in events] == [(ids[0], ids[1], ids[2]), (ids[3],), (ids[4],)]
    assert all(saved_when_reported)
    assert [e.rows_done for e in events] == [3, 4, 5]
    assert [e.translated for e in events] == [3, 6, 7]
    assert events[-1].sentences_done == events[-1].sentences_total == 8
    assert events[-1].to_translate == 7 and events[-1].eta_seconds == 0.0
    assert events[0].eta_seconds is not None and events[0].eta_seconds > 0
    # Each chunk is one enforcer run: its first pass holds at most the chunk's sentences.
    first_calls = [
        [s for s in call if s in {x.source for x in project.all_sentences()}]
        for call in recorder.calls
    ]
    assert max(len(call) for call in first_calls) <= 3


def test_chunks_start_small_and_double_when_asked(project: Project) -> None:
    ids = [p.id for p in project.paragraphs()]

    def chunk_rows(**sizes: int) -> list[list[int]]:
        plan = plan_translation(project, GLOSSARY, "m", **sizes)
        return [[row.paragraph.id for row in rows] for rows, _ in plan.chunks]

    assert chunk_rows(chunk_size=8) == [ids]
    # New sentences per row: 2, 1, 0 (a repeat), 3, 1; limits 1, 2, 4 (then 8).
    assert chunk_rows(chunk_size=8, first_chunk=1) == [ids[:1], ids[1:3], ids[3:]]
    assert chunk_rows(chunk_size=2, first_chunk=50) == chunk_rows(chunk_size=2)


def test_a_paragraph_longer_than_a_chunk_stays_whole(tmp_path: Path) -> None:
    long = [f"第{n}句话。" for n in range(1, 6)]
    project = make_project(tmp_path / "long.sqlite", [["开头。"], long])
    events: list[TranslateProgress] = []
    translate_paragraphs(project, GLOSSARY, engine(), chunk_size=2, progress=events.append)
    assert [len(e.updated) for e in events] == [1, 1]
    assert all(s.mt for s in project.all_sentences())


def test_a_rerun_and_a_reopened_project_cost_no_engine_call(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with make_project(path) as project:
        translate_paragraphs(project, GLOSSARY, engine())
        before = {p.id: (p.mt, p.updated_at) for p in project.paragraphs()}
    with Project.open(path) as reopened:
        again = engine()
        summary = translate_paragraphs(reopened, GLOSSARY, again)
        assert again.calls == []
        assert summary.rows_skipped == len(PARAGRAPHS) and summary.rows_written == 0
        assert {p.id: (p.mt, p.updated_at) for p in reopened.paragraphs()} == before


def test_the_cache_serves_rows_that_lost_their_mt_and_new_documents(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with make_project(path) as project:
        translate_paragraphs(project, GLOSSARY, engine())
    with make_project(tmp_path / "other.sqlite") as fresh:
        # Another project file has its own cache: everything is translated there.
        other = engine()
        translate_paragraphs(fresh, GLOSSARY, other)
        assert len(first_pass(other, fresh)) == 7
    with Project.open(path) as project:
        clean = CleanDocument(
            title=None,
            metadata=DocumentMetadata(),
            paragraphs=(CleanParagraph("今天天气很好。会议结束了。", ParagraphKind.BODY, 1, ""),),
        )
        project.add_document(
            clean,
            name="second.txt",
            path="/second.txt",
            sha256="second",
            encoding="utf-8",
            fmt="txt",
            sentences=[["今天天气很好。", "会议结束了。"]],
        )
        recorder = engine()
        summary = translate_paragraphs(project, GLOSSARY, recorder)
        assert recorder.calls == []
        assert summary.rows_written == summary.rows_from_cache == 1
        assert summary.sentences_reused == 2


def test_a_glossary_change_retranslates_only_sentences_whose_terms_changed(
    project: Project,
) -> None:
    translate_paragraphs(project, GLOSSARY, engine())
    rows_with_divide = [p.id for p in project.paragraphs() if "数字鸿沟" in p.source]
    changed = Glossary([AI, replace(DIVIDE, target="digital gap")])
    recorder = engine()
    summary = translate_paragraphs(project, changed, recorder)
    assert set(first_pass(recorder, project)) == DIVIDE_SENTENCES
    assert summary.sentences_translated == 2
    assert summary.rows_outdated == summary.rows_written == len(rows_with_divide)
    assert summary.sentences_reused == 3  # the other sentences of those rows: from the cache
    for pid in rows_with_divide:
        assert "digital gap" in (project.paragraph(pid).mt or "")
    # Back to the first glossary: the old translations are still cached.
    back = engine()
    translate_paragraphs(project, GLOSSARY, back)
    assert back.calls == []
    assert "digital divide" in (project.paragraph(rows_with_divide[0]).mt or "")


def test_changes_that_do_not_shape_the_mt_retranslate_nothing(project: Project) -> None:
    translate_paragraphs(project, GLOSSARY, engine())
    unrelated = Glossary(
        [
            replace(AI, note="a usage note", pos="noun"),
            DIVIDE,
            Term("小院高墙", "small yard, high fence"),  # in no sentence of the project
        ]
    )
    assert unrelated.version != GLOSSARY.version
    recorder = engine()
    summary = translate_paragraphs(project, unrelated, recorder)
    assert recorder.calls == []
    assert summary.rows_skipped == len(PARAGRAPHS)


def test_a_new_term_retranslates_the_sentences_it_occurs_in(project: Project) -> None:
    translate_paragraphs(project, GLOSSARY, engine())
    recorder = engine()
    translate_paragraphs(project, GLOSSARY.with_term(Term("开会", "hold a meeting")), recorder)
    assert set(first_pass(recorder, project)) == {"我们开会。"}


def test_another_model_retranslates_everything(project: Project) -> None:
    translate_paragraphs(project, GLOSSARY, engine("fake-model-1"))
    recorder = engine("fake-model-2")
    summary = translate_paragraphs(project, GLOSSARY, recorder)
    assert len(first_pass(recorder, project)) == 7
    assert summary.rows_outdated == summary.rows_written == len(PARAGRAPHS)
    records = MtCache(project).records(p.id for p in project.paragraphs())
    assert {r.model_id for r in records.values()} == {"fake-model-2"}
    assert {r.glossary_version for r in records.values()} == {GLOSSARY.version}


def test_force_translates_every_row_again_without_the_cache(project: Project) -> None:
    translate_paragraphs(project, GLOSSARY, engine())
    recorder = engine()
    summary = translate_paragraphs(project, GLOSSARY, recorder, force=True)
    assert len(first_pass(recorder, project)) == 7
    assert summary.rows_written == len(PARAGRAPHS) and summary.rows_skipped == 0


def test_only_the_given_rows_or_document(project: Project) -> None:
    ids = [p.id for p in project.paragraphs()]
    recorder = engine()
    summary = translate_paragraphs(project, GLOSSARY, recorder, [ids[1], ids[4]])
    assert set(first_pass(recorder, project)) == {"今天天气很好。", "会议结束了。"}
    assert summary.rows_selected == 2
    assert [p.id for p in project.paragraphs() if p.mt] == [ids[1], ids[4]]


def test_the_translators_english_is_never_overwritten(project: Project) -> None:
    ids = [p.id for p in project.paragraphs()]
    project.set_target(ids[0], "My own English.")
    project.set_target(ids[1], "Approved English.", approve=True)
    translate_paragraphs(project, GLOSSARY, engine(), force=True)
    first, second = project.paragraph(ids[0]), project.paragraph(ids[1])
    assert first.target == "My own English." and first.status is Status.EDITED
    assert second.target == "Approved English." and second.status is Status.APPROVED
    assert first.mt and second.mt  # the machine's suggestion is kept beside it
    assert first.english == "My own English."


def test_constraints_that_cannot_be_met_are_flagged_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with make_project(path) as project:
        stubborn = engine(fallback=lambda source: "Something else entirely.")
        summary = translate_paragraphs(project, GLOSSARY, stubborn)
        flagged = {row.paragraph_id: row for row in summary.flagged}
        ids = [p.id for p in project.paragraphs()]
        assert set(flagged) == {ids[0], ids[2], ids[3]}
        assert flagged[ids[0]].sentences == (
            (0, (UnmetTerm("人工智能", "artificial intelligence", "missing"),)),
            (1, (UnmetTerm("数字鸿沟", "digital divide", "missing"),)),
        )
        assert flagged[ids[3]].sentences == (
            (1, (UnmetTerm("数字鸿沟", "digital divide", "missing"),)),
        )
        # The flagged rows still get the best MT there is, as the machine's suggestion.
        assert project.paragraph(ids[0]).mt == "Something else entirely. Something else entirely."
    with Project.open(path) as reopened:
        assert flagged_rows(reopened, ids) == summary.flagged
        # A re-run skips them (the cache says what they are) but still reports them.
        again = translate_paragraphs(reopened, GLOSSARY, engine())
        assert again.rows_written == 0 and again.flagged == summary.flagged


def test_without_enforcement_forbidden_renderings_are_flagged(project: Project) -> None:
    ids = [p.id for p in project.paragraphs()]
    says_ai = engine(fallback=lambda source: "AI grows fast." if "人工智能" in source else "Text.")
    summary = translate_paragraphs(project, GLOSSARY, says_ai, enforce=False)
    flagged = {row.paragraph_id: row.unmet for row in summary.flagged}
    assert UnmetTerm("人工智能", "artificial intelligence", "forbidden", "AI") in flagged[ids[2]]
    inner = says_ai.inner
    assert isinstance(inner, ScriptedTranslator)
    assert [options.num_hypotheses for _, options in inner.calls] == [1]  # one plain batch
    # Enforcing afterwards re-translates exactly the sentences that have terms.
    recorder = engine()
    translate_paragraphs(project, GLOSSARY, recorder)
    assert set(first_pass(recorder, project)) == {"人工智能发展很快。", *DIVIDE_SENTENCES}


def test_mt_written_by_another_path_is_left_alone(project: Project) -> None:
    ids = [p.id for p in project.paragraphs()]
    project.set_machine_translation(ids[1], ["Written elsewhere."])
    recorder = engine()
    summary = translate_paragraphs(project, GLOSSARY, recorder)
    assert "今天天气很好。" not in first_pass(recorder, project)
    assert project.paragraph(ids[1]).mt == "Written elsewhere."
    assert summary.rows_skipped == 1
    # MT replaced by another path after a run: the record no longer describes it.
    project.set_machine_translation(ids[0], ["One.", "Two."])
    assert not any(r.paragraph_id == ids[0] for r in MtCache(project).records(ids).values())
    assert translate_paragraphs(project, GLOSSARY, engine()).rows_written == 0


def test_cancel_stops_between_chunks_and_a_rerun_finishes(project: Project) -> None:
    stop = threading.Event()
    summary = translate_paragraphs(
        project, GLOSSARY, engine(), chunk_size=3, progress=lambda _: stop.set(), cancel=stop
    )
    assert summary.cancelled and summary.rows_written == 3 and summary.rows_left == 2
    done = {p.id: p.mt for p in project.paragraphs() if p.mt}
    recorder = engine()
    rest = translate_paragraphs(project, GLOSSARY, recorder, cancel=lambda: False)
    assert rest.rows_written == 2 and rest.rows_skipped == 3
    assert set(first_pass(recorder, project)) == set(PARAGRAPHS[3] + PARAGRAPHS[4])
    assert all(project.paragraph(pid).mt == mt for pid, mt in done.items())


def test_a_stop_during_the_engine_call_writes_none_of_that_chunk(project: Project) -> None:
    """Stopped while the engine works on the second chunk: the first chunk's rows are kept,
    the second's are not written (what the engine returned is cached for next time)."""
    stop = threading.Event()
    recorder = engine()
    written = threading.Event()  # set once the first chunk is written
    inner = recorder.translate_batch

    def translate_then_stop(sentences: Sequence[str], options: object = None) -> object:
        if written.is_set():
            stop.set()  # the translator presses esc while the engine works
        return inner(sentences, options)  # type: ignore[arg-type]

    recorder.translate_batch = translate_then_stop  # type: ignore[method-assign,assignment]
    summary = translate_paragraphs(
        project,
        GLOSSARY,
        recorder,
        chunk_size=3,
        first_chunk=3,
        cancel=stop,
        progress=lambda _: written.set(),
    )
    assert summary.cancelled and summary.rows_written == 3
    assert sum(1 for p in project.paragraphs() if p.mt) == 3


def test_signature_covers_the_terms_found_and_nothing_else() -> None:
    sentence = "人工智能发展很快。"
    base = constraint_signature(GLOSSARY, sentence)
    assert constraint_signature(Glossary([AI]), sentence) == base
    assert constraint_signature(GLOSSARY.with_term(replace(AI, note="n")), sentence) == base
    for changed in (
        replace(AI, target="AI technology"),
        replace(AI, variants=("artificial-intelligence technology",)),
        replace(AI, forbidden=()),
        replace(AI, case=CaseRule.SENSITIVE),
    ):
        assert constraint_signature(GLOSSARY.with_term(changed), sentence) != base
    # A longer term now wins the match: the constraints differ.
    longer = GLOSSARY.with_term(Term("人工智能发展", "AI development"))
    assert constraint_signature(longer, sentence) != base
    # Without enforcement nothing shapes the output: the same as a sentence without terms.
    plain = constraint_signature(Glossary(), sentence)
    assert constraint_signature(GLOSSARY, sentence, enforce=False) == plain != base


def test_the_plan_counts_what_a_run_will_do(project: Project) -> None:
    plan = plan_translation(project, GLOSSARY, "fake-model-1", chunk_size=64)
    assert plan.rows_to_write == len(PARAGRAPHS) and plan.sentences_to_translate == 7
    assert len(plan.chunks) == 1 and plan.cached == []
    translate_paragraphs(project, GLOSSARY, engine())
    assert plan_translation(project, GLOSSARY, "fake-model-1").rows_to_write == 0


def test_engine_provider_loads_once_and_retries_without_a_model() -> None:
    loads: list[int] = []
    installed = False

    def loader() -> Translator:
        loads.append(1)
        if not installed:
            raise ModelNotInstalledError("no model")
        return engine()

    provider = EngineProvider(loader)
    with pytest.raises(ModelNotInstalledError):
        provider()
    installed = True
    first = provider()
    assert provider() is first and len(loads) == 2


def test_checks_report_sentences_the_mt_left_unmet(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.sqlite", [["人工智能发展很快。", "人工智能是新领域。"]])
    [paragraph] = project.paragraphs()
    # The paragraph as a whole has the rendering once, which official usage accepts...
    project.set_machine_translation(
        paragraph.id, ["Artificial intelligence grows fast.", "It is a new field."]
    )
    report = check_project(project, GLOSSARY)
    messages = [i.message for e in report.entries for i in e.issues if i.check == "term-missing"]
    # ...but the machine's second sentence misses the term the enforcer was asked to put there.
    assert messages == [
        "machine translation, sentence 2: 人工智能 should be rendered "
        "“artificial intelligence” there too"
    ]
    issues = issues_for_paragraph(project, paragraph.id, GLOSSARY)
    [issue] = [i for i in issues if i.check == "term-missing"]
    assert issue.source_spans[0].start == len("人工智能发展很快。")
    # Once the translator writes the English, only the paragraph-level checks apply.
    project.set_target(paragraph.id, "Artificial intelligence grows fast. It is new.")
    assert check_project(project, GLOSSARY).entries == ()


def test_a_row_the_engine_leaves_empty_is_not_redone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.sqlite", [["……"], ["会议结束了。"]])
    silent = engine(fallback=lambda source: "" if source == "……" else "The meeting ended.")
    translate_paragraphs(project, GLOSSARY, silent)
    empty, done = project.paragraphs()
    assert empty.mt is None and empty.status is Status.NEW and done.mt
    again = translate_paragraphs(project, GLOSSARY, engine())
    assert again.rows_written == 0 and again.rows_skipped == 2


def test_pruning_keeps_only_what_the_sentences_use_with_this_model(project: Project) -> None:
    translate_paragraphs(project, GLOSSARY, engine())
    cache = MtCache(project)
    used = cache.size()
    other = CachedTranslation("旧句子。", "sig", "Old.", "Old.", -1.0, "[]", "v0")
    cache.put("another-model", [other])
    cache.put("fake-model-1", [replace(other, source="删掉的句子。")])
    assert cache.size() == used + 2
    assert prune_mt_cache(project, GLOSSARY, "fake-model-1") == 2
    assert cache.size() == used
    # A glossary change leaves the entries of the sentences with the changed term unused.
    changed = GLOSSARY.with_term(replace(DIVIDE, target="digital gap"))
    assert prune_mt_cache(project, changed, "fake-model-1") == len(DIVIDE_SENTENCES)
