"""Round trip with a real CAT tool: OmegaT (Debian package `omegat`, installed by setup.sh),
run headless (`--mode=console-translate`), in both directions on the seeds.

- The workbench's TMX in OmegaT's `tm/auto/` fills every segment: 18 paragraphs with
  sentence segmentation off (paragraph TMX), 51 sentences with OmegaT's own segmentation
  (sentence TMX).
- OmegaT's project memory brought back with `import-translations` fills every paragraph:
  at sentence level that takes matching the 51 sentences (no keys, no paragraphs in it).
- OmegaT reads the sentence-level XLIFF export as the 51 sentences, by its markers.

OmegaT runs with its home, configuration and preferences in a temporary folder and, where
the test runs as root, in a network namespace of its own (`unshare -n`); otherwise with
the proxies pointed at a closed local port.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from tests.functional.reference import GLOSSARY, import_seeds, reference_lines, translated_seeds
from workbench.cli import cli
from workbench.store.project import Project

OMEGAT = shutil.which("omegat")
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(
    OMEGAT is None or JAVA is None,
    reason="OmegaT is not installed (setup.sh installs the Debian package omegat)",
)

PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>{sentences}</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"WORKBENCH_GLOSSARY": str(GLOSSARY)})


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translated_seeds(tmp_path_factory.mktemp("omegat") / "seeds.sqlite")


def omegat_project(folder: Path, project: Path, memory: Path, *, sentences: bool) -> Path:
    """An OmegaT project: the documents as the workbench holds them (a paragraph per line,
    blank lines between), the workbench's TMX in tm/auto/."""
    for name in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / name).mkdir(parents=True)
    (folder / "omegat.project").write_text(
        PROJECT_FILE.format(sentences=str(sentences).lower()), encoding="utf-8"
    )
    with Project.open(project, read_only=True) as opened:
        for document in opened.documents():
            text = "\n\n".join(p.source for p in opened.paragraphs(document.id)) + "\n"
            (folder / "source" / document.name).write_text(text, encoding="utf-8")
    shutil.copy(memory, folder / "tm" / "auto" / memory.name)
    return folder


def console_translate(folder: Path, home: Path) -> None:
    home.mkdir(exist_ok=True)
    java_options = [f"-Duser.home={home}", f"-Djava.util.prefs.userRoot={home / 'prefs'}"]
    command = [str(OMEGAT), str(folder), "--mode=console-translate", f"--config-dir={home}"]
    if os.geteuid() == 0 and shutil.which("unshare"):
        command = ["unshare", "--net", *command]
    else:
        for scheme in ("http", "https", "socks"):
            port = "Port" if scheme != "socks" else "ProxyPort"
            host = "Host" if scheme != "socks" else "ProxyHost"
            java_options += [f"-D{scheme}.proxy{host}=127.0.0.1", f"-D{scheme}.proxy{port}=9"]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "JAVA_TOOL_OPTIONS": " ".join(java_options),
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Finished" in done.stdout, done.stdout[-2000:] + done.stderr


def statistics(folder: Path) -> tuple[int, int]:
    """(segments, remaining) from OmegaT's project_stats.txt."""
    text = (folder / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = re.search(r"^Total:\s+(\d+)", text, re.MULTILINE)
    remaining = re.search(r"^Remaining:\s+(\d+)", text, re.MULTILINE)
    assert total and remaining, text
    return int(total.group(1)), int(remaining.group(1))


def omegat_memory(folder: Path) -> list[tuple[str, str]]:
    """The pairs of OmegaT's exported project memory (<project>-omegat.tmx)."""
    root = etree.parse(str(folder / f"{folder.name}-omegat.tmx")).getroot()
    pairs = []
    for tu in root.iter("tu"):
        segs = {tuv.get("lang"): tuv.findtext("seg") or "" for tuv in tu.iter("tuv")}
        pairs.append((segs["zh-CN"], segs["en"]))
    return pairs


def sentence_sources(project: Path) -> list[str]:
    with Project.open(project, read_only=True) as opened:
        return [s.source for p in opened.paragraphs() for s in opened.sentences(p.id)]


def squeezed(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.mark.slow  # two OmegaT runs: about 20 s
@pytest.mark.parametrize(("level", "count"), [("paragraph", 18), ("sentence", 51)])
def test_omegat_fills_every_segment_from_the_workbench_tmx_and_the_workbench_takes_it_back(
    translated: Path, tmp_path: Path, level: str, count: int
) -> None:
    memory = tmp_path / f"workbench-{level}.tmx"
    exported = run(
        "export", "-f", "tmx", "--level", level, "-o", str(memory), "-p", str(translated)
    )
    assert exported.exit_code == 0, exported.output
    folder = omegat_project(tmp_path / "seeds", translated, memory, sentences=level == "sentence")
    console_translate(folder, tmp_path / "home")

    # Workbench → OmegaT: every segment filled, the documents translated as the reference.
    assert statistics(folder) == (count, 0)
    with Project.open(translated, read_only=True) as opened:
        documents = [d.name for d in opened.documents()]
    for name in documents:
        written = (folder / "target" / name).read_text(encoding="utf-8").split("\n\n")
        assert [squeezed(p) for p in written] == [squeezed(p) for p in reference_lines(name)]
    pairs = omegat_memory(folder)
    assert len(pairs) == count
    if level == "sentence":
        assert sorted(zh for zh, _ in pairs) == sorted(sentence_sources(translated))

    # OmegaT → workbench: its project memory fills every paragraph of a fresh project.
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    result = run("import-translations", str(folder / "seeds-omegat.tmx"), "-p", str(fresh))
    assert result.exit_code == 0, result.output
    assert "18 applied" in result.output and "0 unmatched" in result.output, result.output
    with Project.open(fresh, read_only=True) as opened:
        for name in documents:
            document = opened.resolve_document(name)
            got = [squeezed(p.target) for p in opened.paragraphs(document.id)]
            assert got == [squeezed(line) for line in reference_lines(name)]


@pytest.mark.slow  # an OmegaT run: about 5 s, more on a busy machine
def test_omegat_reads_the_sentence_level_xliff_export_as_the_51_sentences(
    translated: Path, tmp_path: Path
) -> None:
    """OmegaT's XLIFF filter takes the export as a source file with one segment per
    `mrk mtype="seg"` marker: 51 with OmegaT's own sentence segmentation switched off (the
    paragraph exported whole is one segment)."""
    folder = tmp_path / "xliff"
    for name in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / name).mkdir(parents=True)
    (folder / "omegat.project").write_text(PROJECT_FILE.format(sentences="false"), encoding="utf-8")
    exported = run(
        "export", "-f", "xliff", "--level", "sentence", "-o", str(folder / "source" / "seeds.xlf"),
        "-p", str(translated),
    )  # fmt: skip
    assert exported.exit_code == 0, exported.output
    console_translate(folder, tmp_path / "home")
    assert statistics(folder)[0] == 51
    written = etree.parse(str(folder / "target" / "seeds.xlf")).getroot()
    assert len(written.findall(".//{*}trans-unit")) == 18
