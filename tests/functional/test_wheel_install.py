"""The workbench as users install it: a wheel, not the checkout.

Builds the wheel from this tree (`pip wheel --no-build-isolation --no-deps`: offline, with
the setuptools setup.sh installed), installs it into a fresh venv and runs the main commands
from an empty folder with an empty HOME: the curated glossary is there, edits go to the
person's data folder and site-packages stays byte-identical.

Offline installation: the fresh venv gets the wheel alone (`--no-deps --no-index`); its
dependencies come from the project venv through a `.pth` line naming that venv's
site-packages. A .pth line adds a folder to sys.path after the venv's own site-packages, so
the wheel's `workbench` is the one imported; .pth files inside the added folder are not
processed, so the project's editable install (a .pth finder) stays inert. This needs neither
the network nor a wheel cache, which a fresh CI machine does not have after setup.sh.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal import output_on_a_terminal

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_9819b9711a7bf496.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # A copy of the tree keeps build/ and *.egg-info out of the checkout.
    source = tmp_path_factory.mktemp("source")
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        origin = REPO / os.fsdecode(name)
        if origin.is_file():
            target = source / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(origin.read_bytes())
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps"),
            *("--no-index", "-w", str(dist), str(source)),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("workbench-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv with the wheel installed; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (purelib / "project-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "-q"),
            *("--no-deps", "--no-index", "--no-compile", str(wheel)),
        ],
        check=True,
        capture_output=True,
    )
    yield venv / "bin"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its SHA-256 (Python's own __pycache__ left out: the
    interpreter writes bytecode there on import, which is not a workbench command writing)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_carries_the_licence_the_notice_and_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
    info = metadata.rsplit("/", 1)[0]
    assert f"{info}/licenses/LICENSE" in names
    assert f"{info}/licenses/NOTICE" in names
    assert "License-Expression: MIT" in text
    assert "Requires-Python: >=3.11\n" in text
    assert "Requires-Dist: textual<9,>=8.2" in text
    assert "Requires-Dist: sacrebleu" in text and 'extra == "eval"' in text
    assert "workbench/data/glossary/governance.tsv" in names
    assert "workbench/data/corpus/dev-pairs.tsv" in names
    assert not any(name.startswith(("glossary/", "seeds/", "eval/", "tests/")) for name in names)


def test_the_installed_wheel_works_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WORKBENCH_", "XDG_", "ARGOS_", "PYTHON"))
    }
    env.update(HOME=str(home), PATH=f"{installed}{os.pathsep}{env.get('PATH', '')}")
    purelib = next((installed.parent / "lib").glob("python3*/site-packages"))
    before = tree_digest(purelib)
    checkout_data = tree_digest(REPO / "workbench" / "data")

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(installed / "workbench"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if ok:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def on_a_terminal(*args: str) -> str:
        return output_on_a_terminal([str(installed / "workbench"), *args], env=env, cwd=work)

    # The workbench imported is the wheel's, not the checkout's.
    located = subprocess.run(
        [str(installed / "python"), "-c", "import workbench; print(workbench.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert located.startswith(str(purelib))

    listed = run("glossary", "list")
    assert "数字鸿沟\tdigital divide" in listed.stdout
    assert "of 0 terms" not in listed.stdout
    where = run("glossary", "where")
    assert "(curated, read-only)" in where.stdout
    personal = home / ".local" / "share" / "workbench" / "glossary.tsv"
    assert f"edits go to: {personal}" in where.stdout

    run("glossary", "add", "算力", "computing power")
    assert "算力\tcomputing power" in personal.read_text(encoding="utf-8")
    assert f"1. {personal}" in run("glossary", "where").stdout

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("大模型\tlarge model\n", encoding="utf-8")
    run("glossary", "import", str(pairs), "--pairs")
    assert "大模型\tlarge model" in personal.read_text(encoding="utf-8")

    looked = run("lookup", "数字鸿沟")
    assert "digital divide" in looked.stdout

    run("import", str(SEED))
    run("model", "install", "--generated", "tiny")
    assert any((home / ".local" / "share" / "argos-translate" / "packages").iterdir())
    run("translate")
    checked = run("check", ok=False)
    assert checked.returncode in (0, 1)  # 1: QA errors remain in machine output
    assert "Traceback" not in checked.stderr
    run("export", "--format", "tmx", "--status", "machine")
    assert list((work / "exports").glob("*.tmx"))

    status = json.loads(run("status", "--format", "json").stdout)
    assert status["total"]["paragraphs"] > 0 and status["total"]["chinese_characters"] > 0
    # On a terminal the check report is coloured, unless NO_COLOR is set.
    assert "\x1b[" in on_a_terminal("check")
    env["NO_COLOR"] = "1"
    assert "\x1b[" not in on_a_terminal("check")
    del env["NO_COLOR"]

    run("config", "set", "theme", "nord")
    assert 'theme = "nord"' in (home / ".config" / "workbench" / "config.toml").read_text()
    assert "theme = nord" in run("config").stdout

    assert tree_digest(purelib) == before  # nothing written into site-packages
    assert tree_digest(REPO / "workbench" / "data") == checkout_data
    assert sorted(p.name for p in work.iterdir()) == ["exports", "workbench.sqlite"]
