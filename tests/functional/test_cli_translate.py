"""`workbench translate` on the generated model: end to end, cache, glossary change, a kill
in the middle and the re-run, the translator's English, and the no-model path.

Sentences reaching the engine are counted through the `WORKBENCH_MT_LOG` hook (the
RecordingTranslator wrapped around the real engine): one JSON line per engine call.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from translate.storage import tmx as tt_tmx

from tests.functional.reference import GLOSSARY, SEEDS
from workbench.cli import cli
from workbench.cli.common import read_glossary_file
from workbench.core.phrasing import counted
from workbench.mt.recording import read_log
from workbench.store.mt_cache import MtCache
from workbench.store.project import Project
from workbench.workflows.translation_plan import constraint_signature, signature_hash


def run(packages: Path, *args: str, log: Path | None = None, glossary: Path = GLOSSARY) -> Result:
    env = {"ARGOS_PACKAGES_DIR": str(packages), "WORKBENCH_GLOSSARY": str(glossary)}
    if log is not None:
        env["WORKBENCH_MT_LOG"] = str(log)
    return CliRunner().invoke(cli, list(args), env=env)


def sent_sentences(log: Path) -> list[str]:
    return [sentence for call in read_log(log) for sentence in call]


def project_sources(path: Path) -> set[str]:
    with Project.open(path) as project:
        return {s.source for s in project.all_sentences()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imported") / "seeds.sqlite"
    result = CliRunner().invoke(cli, ["import", *map(str, SEEDS), "--project", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def translated(
    tmp_path_factory: pytest.TempPathFactory, imported: Path, argos_packages_dir: Path
) -> Path:
    path = tmp_path_factory.mktemp("translated") / "seeds.sqlite"
    shutil.copy(imported, path)
    result = run(argos_packages_dir, "translate", "--project", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def copy_of(tmp_path: Path) -> Callable[[Path], Path]:
    """A fresh copy of a module-wide project (closed, so the file holds everything)."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        shutil.copy(source, target)
        return target

    return copy


def test_import_translate_export_gives_english_with_the_glossary_obeyed(
    translated: Path, argos_packages_dir: Path, tmp_path: Path
) -> None:
    glossary = read_glossary_file(GLOSSARY)
    with Project.open(translated) as project:
        paragraphs = project.paragraphs()
        flagged = {
            r.paragraph_id
            for r in MtCache(project).records(p.id for p in paragraphs).values()
            if r.unmet
        }
        for paragraph in paragraphs:
            assert paragraph.mt and paragraph.status.value == "machine", paragraph.source
            for sentence in project.sentences(paragraph.id):
                assert sentence.mt, sentence.source
                ok = glossary.check(sentence.source, sentence.mt).ok
                assert ok or paragraph.id in flagged, (sentence.source, sentence.mt)
    # The generated model knows none of the long terms: the approved renderings are there
    # because enforcement put them there (the cache keeps the model's own output too).
    conn = sqlite3.connect(translated)
    cached = conn.execute("SELECT source, raw, text FROM mt_cache").fetchall()
    conn.close()
    fixed = [
        source
        for source, raw, text in cached
        if not glossary.check(source, raw).ok and glossary.check(source, text).ok
    ]
    assert len(fixed) >= 10
    output = tmp_path / "seeds.tmx"
    exported = run(
        argos_packages_dir,
        "export",
        "--format",
        "tmx",
        "--status",
        "machine",
        "-o",
        str(output),
        "-p",
        str(translated),
    )
    assert exported.exit_code == 0, exported.output
    units = tt_tmx.tmxfile(output.read_bytes()).units
    assert len(units) == len(paragraphs) == 18
    english = {unit.source: unit.target for unit in units}
    for paragraph in paragraphs:
        assert english[paragraph.source] == paragraph.mt


def test_after_a_translate_run_a_tmx_export_holds_no_machine_output_unless_asked(
    translated: Path, argos_packages_dir: Path, tmp_path: Path
) -> None:
    """A CAT tool takes a TMX for human memory: raw MT goes out only with --status machine,
    and then marked as machine output (creationid MT!, x-status machine)."""
    plain = tmp_path / "plain.tmx"
    result = run(argos_packages_dir, "export", "-f", "tmx", "-o", str(plain), "-p", str(translated))
    assert result.exit_code == 0, result.output
    assert "wrote 0 pairs" in result.output and "--status machine" in result.output
    assert tt_tmx.tmxfile(plain.read_bytes()).units == []
    asked = tmp_path / "asked.tmx"
    result = run(
        argos_packages_dir, "export", "-f", "tmx", "--status", "machine", "-o", str(asked),
        "-p", str(translated),
    )  # fmt: skip
    assert "wrote 18 pairs" in result.output, result.output
    tus = etree.parse(str(asked)).getroot().findall("body/tu")
    assert len(tus) == 18
    assert {(tu.get("creationid"), tu.get("changeid")) for tu in tus} == {("MT!", "MT!")}
    assert {tu.findtext("prop[@type='x-status']") for tu in tus} == {"machine"}


def test_the_summary_names_the_model_and_counts(
    imported: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = copy_of(imported)
    log = tmp_path / "calls.jsonl"
    first = run(argos_packages_dir, "translate", "-p", str(path), "--document", "1", log=log)
    assert first.exit_code == 0, first.output
    assert "8 of 8 rows to translate" in first.output
    assert "argos:translate-zh_en-synthetic-tiny:" in first.output
    assert "note: The installed model is the generated test model" in first.output
    assert "8 rows translated, 8 by the engine" in first.output
    assert "10 already up to date" not in first.output  # the other document is not looked at
    assert read_log(log)
    with Project.open(path) as project:
        assert [bool(p.mt) for p in project.paragraphs()] == [True] * 8 + [False] * 10


def test_a_rerun_costs_no_engine_call_and_force_translates_again(
    translated: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = copy_of(translated)
    with Project.open(path) as project:
        before = {p.id: (p.mt, p.updated_at) for p in project.paragraphs()}
    log = tmp_path / "rerun.jsonl"
    again = run(argos_packages_dir, "translate", "-p", str(path), log=log)
    assert again.exit_code == 0, again.output
    assert "0 of 18 rows to translate" in again.output
    assert "18 already up to date" in again.output
    assert read_log(log) == []
    with Project.open(path) as project:
        assert {p.id: (p.mt, p.updated_at) for p in project.paragraphs()} == before
    forced = run(argos_packages_dir, "translate", "-p", str(path), "--force", "-d", "2", log=log)
    assert forced.exit_code == 0, forced.output
    assert "10 rows translated, 10 by the engine" in forced.output
    with Project.open(path) as project:
        second = {s.source for s in project.all_sentences(2)}
    assert set(sent_sentences(log)) >= second


def test_a_glossary_change_retranslates_only_the_sentences_with_that_term(
    translated: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = copy_of(translated)
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    [row] = [i for i, line in enumerate(lines) if line.startswith("数字鸿沟\t")]
    cells = lines[row].split("\t")
    cells[1] = "digital gap"
    lines[row] = "\t".join(cells)
    changed = tmp_path / "changed.tsv"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    glossary = read_glossary_file(changed)
    with Project.open(path) as project:
        affected = {
            s.source
            for s in project.all_sentences()
            if any(h.term.source == "数字鸿沟" for h in glossary.find(s.source))
        }
        rows = {s.paragraph_id for s in project.all_sentences() if s.source in affected}
    assert affected  # the seeds use the term

    log = tmp_path / "calls.jsonl"
    result = run(argos_packages_dir, "translate", "-p", str(path), log=log, glossary=changed)
    assert result.exit_code == 0, result.output
    sources = project_sources(path)
    sent = [s for s in sent_sentences(log) if s in sources]  # rewritten sources left out
    assert set(sent) == affected
    assert f"{len(rows)} of 18 rows to translate ({counted(len(affected), 'sentence')} for" in (
        result.output
    )
    assert f"{counted(len(rows), 'row')} translated again because" in result.output
    with Project.open(path) as project:
        for pid in rows:
            assert "digital gap" in (project.paragraph(pid).mt or "").lower()
        before = MtCache(project).size()
    # The entries of the old wording are no longer used: --prune-cache removes just those.
    pruned = run(
        argos_packages_dir, "translate", "-p", str(path), "--prune-cache", glossary=changed
    )
    assert pruned.exit_code == 0, pruned.output
    assert f"Removed {counted(len(affected), 'cached translation')} no sentence uses." in (
        pruned.output
    )
    with Project.open(path) as project:
        assert MtCache(project).size() == before - len(affected)
        # Nothing in use was pruned: every sentence's key is still in the cache.
        [model_id] = {row[0] for row in project.query("SELECT model_id FROM mt_cache")}
        keys = {
            (s.source, signature_hash(constraint_signature(glossary, s.source)))
            for s in project.all_sentences()
        }
        assert len(MtCache(project).lookup(model_id, keys)) == len(keys)


def test_the_translators_english_is_never_overwritten(
    translated: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path]
) -> None:
    path = copy_of(translated)
    with Project.open(path) as project:
        edited, approved = project.paragraphs(2)[:2]
        project.set_target(edited.id, "The translator's own English.")
        project.set_target(approved.id, "Approved English.", approve=True)
    result = run(argos_packages_dir, "translate", "-p", str(path), "--force", "-d", "2")
    assert result.exit_code == 0, result.output
    with Project.open(path) as project:
        after_edit, after_approve = project.paragraph(edited.id), project.paragraph(approved.id)
    assert after_edit.target == "The translator's own English."
    assert after_edit.status.value == "edited"
    assert after_approve.target == "Approved English."
    assert after_approve.status.value == "approved"
    assert after_edit.mt and after_approve.mt


def _mt_rows(path: Path) -> dict[int, tuple[str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute(
            "SELECT id, mt, updated_at FROM paragraphs WHERE mt IS NOT NULL"
        ).fetchall()
    except sqlite3.OperationalError:  # the writer holds a lock for a moment
        return {}
    finally:
        conn.close()
    return {int(pid): (mt, stamp) for pid, mt, stamp in rows}


def test_a_killed_run_resumes_without_redoing_saved_rows(
    imported: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = copy_of(imported)
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(argos_packages_dir),
        "WORKBENCH_GLOSSARY": str(GLOSSARY),
        "WORKBENCH_MT_DELAY": "0.3",  # per engine call: the run lasts several seconds
        "WORKBENCH_MT_LOG": str(tmp_path / "killed.jsonl"),
    }
    command = [sys.executable, "-m", "workbench", "translate", "-p", str(path), "--chunk-size", "6"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not _mt_rows(path):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "no chunk was saved within 60 s"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    saved = _mt_rows(path)
    with Project.open(path) as project:
        total = len(project.paragraphs())
        saved_sources = {s.source for pid in saved for s in project.sentences(pid)}
        assert all(s.mt for pid in saved for s in project.sentences(pid))
    assert 0 < len(saved) < total  # killed in the middle, with something saved

    log = tmp_path / "resumed.jsonl"
    resumed = run(argos_packages_dir, "translate", "-p", str(path), log=log)
    assert resumed.exit_code == 0, resumed.output
    assert f"{len(saved)} already up to date" in resumed.output
    sent = sent_sentences(log)
    assert sent and not set(sent) & saved_sources  # nothing saved went to the engine again
    after = _mt_rows(path)
    assert len(after) == total
    assert {pid: after[pid] for pid in saved} == saved  # not rewritten: same text and time
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_without_a_model_translate_says_how_to_install_one_and_the_rest_works(
    imported: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    path = copy_of(imported)
    empty = tmp_path / "no-packages"
    result = run(empty, "translate", "-p", str(path))
    assert result.exit_code == 1
    assert "no zh→en translation model is installed" in result.output
    assert "workbench model install PATH.argosmodel" in result.output
    assert "workbench model install --online zh en" in result.output
    assert "workbench model install --generated tiny" in result.output
    assert "Traceback" not in result.output
    assert run(empty, "status", "-p", str(path)).exit_code == 0
    assert run(empty, "glossary", "list").exit_code == 0
    exported = run(
        empty, "export", "--include-empty", "-o", str(tmp_path / "x.tmx"), "-p", str(path)
    )
    assert exported.exit_code == 0, exported.output
    checked = run(empty, "check", "-p", str(path))
    assert "untranslated" in checked.output and "Traceback" not in checked.output


def test_unmet_terms_are_listed_and_shown_by_the_checks(
    translated: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path]
) -> None:
    path = copy_of(translated)
    raw = run(argos_packages_dir, "translate", "-p", str(path), "--no-enforce", "-d", "2")
    assert raw.exit_code == 0, raw.output
    assert "rows flagged" in raw.output
    # The generated model writes "AI" where the glossary wants other renderings.
    assert "→ “global AI governance” missing" in raw.output
    with Project.open(path) as project:
        ids = [p.id for p in project.paragraphs(2)]
        flagged = {r.paragraph_id for r in MtCache(project).records(ids).values() if r.unmet}
    assert flagged
    checked = run(argos_packages_dir, "check", "-p", str(path), "-d", "2", "--format", "json")
    assert checked.exit_code == 1
    issues = json.loads(checked.output)["issues"]
    glossary_issues = {i["paragraph_id"] for i in issues if i["check"].startswith("term-")}
    assert flagged <= glossary_issues
    terms = run(argos_packages_dir, "glossary", "check", "-p", str(path), "-d", "2")
    assert terms.exit_code == 1
    assert "missing: 人工智能全球治理 → “global AI governance”" in terms.output
    # Enforcing again fixes what it can; the rest stays flagged.
    enforced = run(argos_packages_dir, "translate", "-p", str(path), "-d", "2")
    assert enforced.exit_code == 0
    assert "translated again because" in enforced.output


def test_translate_has_help() -> None:
    result = CliRunner().invoke(cli, ["translate", "--help"])
    assert result.exit_code == 0
    assert "--force" in result.output and "--no-enforce" in result.output
    assert "--chunk-size" not in result.output  # a testing knob, hidden


def test_a_broken_model_is_reported_without_a_traceback(
    imported: Path, argos_packages_dir: Path, copy_of: Callable[[Path], Path], tmp_path: Path
) -> None:
    packages = tmp_path / "packages"
    shutil.copytree(argos_packages_dir, packages)
    (model_bin,) = packages.glob("*/model/model.bin")
    model_bin.write_bytes(model_bin.read_bytes()[:4096])  # a truncated download
    result = run(packages, "translate", "-p", str(copy_of(imported)))
    assert result.exit_code == 1
    assert "cannot be loaded" in result.output and "Reinstall it" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_engine_failure_mid_run_keeps_the_saved_chunks(
    imported: Path,
    argos_packages_dir: Path,
    copy_of: Callable[[Path], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbench.cli import translate as translate_cli
    from workbench.core.errors import EngineError
    from workbench.mt.argos import ArgosTranslator

    path = copy_of(imported)

    class FailsOnceAChunkIsSaved:
        def __init__(self, inner: ArgosTranslator) -> None:
            self.inner = inner
            self.model_id = inner.model_id

        def translate_batch(self, sentences: Any, options: Any = None) -> Any:
            if _mt_rows(path):
                raise EngineError("The translation model failed: out of memory")
            return self.inner.translate_batch(sentences, options)

    monkeypatch.setattr(
        translate_cli,
        "load_engine",
        lambda: FailsOnceAChunkIsSaved(ArgosTranslator.load(directory=argos_packages_dir)),
    )
    result = run(argos_packages_dir, "translate", "-p", str(path), "--chunk-size", "6")
    assert result.exit_code == 1
    assert "out of memory" in result.output and "run again to continue" in result.output
    saved = _mt_rows(path)
    assert saved  # the first chunk is kept

    monkeypatch.undo()
    resumed = run(argos_packages_dir, "translate", "-p", str(path))
    assert resumed.exit_code == 0, resumed.output
    assert f"{len(saved)} already up to date" in resumed.output
