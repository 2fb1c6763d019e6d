"""Installing models safely: a failed install changes nothing, hostile archives are refused
before anything is written, broken packages are reported as broken, and a kill during an
install leaves the previous model working."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.mt_fixtures import (
    package_metadata,
    rewrite_archive,
    tree_state,
    write_zip,
)
from workbench.cli import cli
from workbench.core.errors import InputError, ModelBrokenError
from workbench.mt import archive as archives
from workbench.mt import packages
from workbench.mt.archive import ArchiveLimits
from workbench.mt.argos import ArgosTranslator, find_package
from workbench.mt.installed import scan

REPO = Path(__file__).resolve().parents[2]
BOMB_CACHE = REPO / ".cache" / "hostile-archives"
PACKAGE = "translate-zh_en-synthetic-tiny"
GIB = 1 << 30


def run(packages_dir: Path | str, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"ARGOS_PACKAGES_DIR": str(packages_dir)})


def error_lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


@pytest.fixture
def installed(tmp_path: Path, tiny_argosmodel: Path) -> Path:
    """A package directory with the generated model installed."""
    directory = tmp_path / "packages"
    packages.install(tiny_argosmodel, directory)
    return directory


def assert_still_works(directory: Path) -> None:
    """The installed model loads and translates; nothing is broken or left over."""
    found = scan(directory)
    assert [p.name for p in found.installed] == [PACKAGE]
    assert found.broken == () and found.debris == ()
    engine = ArgosTranslator.load(directory=directory)
    assert engine.translate_batch(["人工智能是人类发展的新领域。"])[0].best.text


def bomb(name: str, size: int) -> Path:
    """A plausible package whose model.bin is `size` zero bytes (cached: it takes seconds)."""
    path = BOMB_CACHE / f"{name}.argosmodel"
    if not path.is_file():
        BOMB_CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        write_zip(
            partial,
            {f"{PACKAGE}/metadata.json": package_metadata(), f"{PACKAGE}/sentencepiece.model": "x"},
            zeros={f"{PACKAGE}/model/model.bin": size},
        )
        partial.replace(path)
    return path


# -- a failed install changes nothing ---------------------------------------------------------


def test_a_damaged_archive_leaves_the_installed_model_as_it_was(
    installed: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    before = tree_state(installed)
    damaged = rewrite_archive(
        tiny_argosmodel, tmp_path / "damaged.argosmodel", corrupt=["model/model.bin"]
    )
    with pytest.raises(InputError) as caught:
        packages.install(damaged, installed)
    message = str(caught.value)
    assert str(damaged) in message and "model/model.bin fails its CRC check" in message
    assert "\n" not in message
    assert tree_state(installed) == before
    assert_still_works(installed)


def test_the_cli_reports_a_damaged_archive_in_one_line(
    installed: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    damaged = rewrite_archive(
        tiny_argosmodel, tmp_path / "damaged.argosmodel", corrupt=["model/model.bin"]
    )
    result = run(installed, "model", "install", str(damaged))
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1 and "Traceback" not in result.output
    assert "CRC" in result.output and "download the package again" in result.output
    listed = run(installed, "model", "list")
    assert PACKAGE in listed.output and "BROKEN" not in listed.output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"replacing": {"model/model.bin": b"\x00garbage" * 1000}}, "does not load"),
        ({"replacing": {"sentencepiece.model": b"not a model"}}, "not a SentencePiece model"),
        ({"replacing": {"metadata.json": "{ nope"}}, "not valid JSON"),
        ({"replacing": {"metadata.json": package_metadata(to_code=None)}}, "to_code"),
        ({"replacing": {"metadata.json": package_metadata(package_version="")}}, "version"),
        ({"replacing": {"metadata.json": package_metadata(type="sbd")}}, "'sbd' package"),
        ({"drop": ["sentencepiece.model"]}, "missing ['sentencepiece.model']"),
    ],
    ids=["model-bin", "sentencepiece", "json", "no-to-code", "no-version", "sbd", "no-spm"],
)
def test_an_unusable_package_is_refused_and_the_model_kept(
    installed: Path,
    tiny_argosmodel: Path,
    tmp_path: Path,
    change: dict[str, object],
    expected: str,
) -> None:
    before = tree_state(installed)
    bad = rewrite_archive(tiny_argosmodel, tmp_path / "bad.argosmodel", **change)  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        packages.install(bad, installed)
    assert expected in str(caught.value) and str(bad) in str(caught.value)
    assert tree_state(installed) == before


def test_reinstalling_replaces_the_package_whole(installed: Path, tiny_argosmodel: Path) -> None:
    stale = installed / PACKAGE / "model" / "stale.bin"
    stale.write_bytes(b"from an older version")
    packages.install(tiny_argosmodel, installed)
    assert not stale.exists()
    assert_still_works(installed)
    assert sorted(p.name for p in installed.iterdir()) == [".workbench-install.lock", PACKAGE]


# -- refused from the zip directory, before anything is written -----------------------------


def test_a_zip_bomb_is_refused_before_anything_is_written(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = bomb("bomb-1GiB", GIB)
    assert archive.stat().st_size < 8_000_000  # a few MB that would inflate to 1 GiB
    unpacked: list[Path] = []
    monkeypatch.setattr(archives, "extract", lambda plan, folder: unpacked.append(folder))
    before = tree_state(installed)
    with pytest.raises(InputError) as caught:
        packages.install(archive, installed)
    message = str(caught.value)
    assert "zip bomb" in message and "1.07 GB" in message and "nothing was written" in message
    assert unpacked == []
    assert tree_state(installed) == before


@pytest.mark.slow
def test_a_4_gib_bomb_is_refused_too(installed: Path) -> None:
    archive = bomb("bomb-4GiB", 4 * GIB)
    before = tree_state(installed)
    with pytest.raises(InputError) as caught:
        packages.install(archive, installed)
    assert "4.29 GB, more than the 2.15 GB allowed" in str(caught.value)
    assert tree_state(installed) == before


def test_the_size_cap_names_the_figures_and_the_option(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    directory = tmp_path / "packages"
    with pytest.raises(InputError) as caught:
        packages.install(tiny_argosmodel, directory, limits=ArchiveLimits(max_total_bytes=10**6))
    assert "8.3 MB, more than the 1.0 MB allowed" in str(caught.value)
    assert not directory.exists()
    result = run(directory, "model", "install", "--max-size", "0.001", str(tiny_argosmodel))
    assert result.exit_code == 1 and "--max-size" in result.output
    assert (
        run(directory, "model", "install", "--max-size", "0.1", str(tiny_argosmodel)).exit_code == 0
    )


@pytest.mark.parametrize(
    "member",
    [
        "pkg/../../escaped.txt",
        "../escaped.txt",
        "/tmp/escaped.txt",
        "pkg/..\\..\\escaped.txt",
        "C:/escaped.txt",
        "pkg/\x1b[2Jescaped.txt",
    ],
    ids=["dotdot-inside", "dotdot", "absolute", "backslash", "drive", "control"],
)
def test_member_names_that_could_escape_are_refused(tmp_path: Path, member: str) -> None:
    files = {
        "pkg/metadata.json": package_metadata(),
        "pkg/model/model.bin": "x",
        "pkg/sentencepiece.model": "x",
        member: "escaped",
    }
    archive = write_zip(tmp_path / "hostile.argosmodel", files)
    directory = tmp_path / "work" / "packages"
    with pytest.raises(InputError) as caught:
        packages.install(archive, directory)
    assert "refused" in str(caught.value) or "one top-level folder" in str(caught.value)
    assert "\x1b" not in str(caught.value)
    assert not list(tmp_path.rglob("*escaped*"))
    assert not Path("/tmp/escaped.txt").exists()


def test_a_symbolic_link_member_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.argosmodel"
    write_zip(
        archive,
        {"pkg/metadata.json": package_metadata(), "pkg/model/model.bin": "x"},
    )
    with zipfile.ZipFile(archive, "a") as zipped:
        link = zipfile.ZipInfo("pkg/sentencepiece.model")
        link.external_attr = 0o120777 << 16
        zipped.writestr(link, "/etc/passwd")
    with pytest.raises(InputError, match="symbolic link"):
        packages.install(archive, tmp_path / "packages")


# -- what is installed, usable or not ------------------------------------------------------


def break_copy(installed: Path, name: str, metadata: str) -> Path:
    """A copy of the installed package under `name` with its metadata.json replaced."""
    copy = installed / name
    shutil.copytree(installed / PACKAGE, copy)
    (copy / "metadata.json").write_text(metadata, encoding="utf-8")
    return copy


def test_a_package_with_broken_metadata_is_listed_as_broken(installed: Path) -> None:
    break_copy(installed, "translate-zh_en-1_9", '{"from_code": "zh", "to_code": ')
    result = run(installed, "model", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    broken = next(line for line in lines if "translate-zh_en-1_9" in line)
    assert "BROKEN" in broken and "metadata.json is not valid JSON (line 1" in broken
    assert any(PACKAGE in line and "BROKEN" not in line for line in lines)
    # The usable model is still used.
    assert find_package(directory=installed).name == PACKAGE


def test_a_broken_package_alone_is_named_with_its_fault(installed: Path) -> None:
    broken = break_copy(installed, "translate-zh_en-1_9", package_metadata(to_code="english"))
    packages.remove(PACKAGE, installed)
    with pytest.raises(ModelBrokenError) as caught:
        find_package(directory=installed)
    message = str(caught.value)
    assert "translate-zh_en-1_9" in message and "to_code" in message and "'english'" in message
    assert "workbench model install PATH.argosmodel" in message
    listed = run(installed, "model", "list")
    assert "No models installed" not in listed.output and "BROKEN" in listed.output
    removed = run(installed, "model", "remove", "translate-zh_en-1_9")
    assert removed.exit_code == 0, removed.output
    assert not broken.exists()
    assert "No models installed" in run(installed, "model", "list").output


def test_translate_names_the_broken_package_in_one_line(tmp_path: Path) -> None:
    directory = tmp_path / "packages"
    package = directory / "translate-zh_en-1_9"
    (package / "model").mkdir(parents=True)
    (package / "metadata.json").write_text(package_metadata(), encoding="utf-8")
    (package / "sentencepiece.model").write_bytes(b"x")
    project = tmp_path / "p.sqlite"
    source = tmp_path / "doc.txt"
    source.write_text("人工智能是人类发展的新领域。\n", encoding="utf-8")
    assert run(directory, "import", str(source), "-p", str(project)).exit_code == 0
    result = CliRunner().invoke(
        cli, ["translate", "-p", str(project)], env={"ARGOS_PACKAGES_DIR": str(directory)}
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "translate-zh_en-1_9" in result.stderr and "model/model.bin" in result.stderr


def test_packages_dir_pointing_at_a_file_is_one_clear_line(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    not_a_folder = tmp_path / "packages"
    not_a_folder.write_text("", encoding="utf-8")
    for args in (["model", "list"], ["model", "install", str(tiny_argosmodel)]):
        result = run(not_a_folder, *args)
        assert result.exit_code == 1, result.output
        assert len(error_lines(result)) == 1 and "Traceback" not in result.output
        assert f"ARGOS_PACKAGES_DIR={not_a_folder} is a file, not a folder" in result.output


def test_a_second_install_at_the_same_time_is_refused(
    installed: Path, tiny_argosmodel: Path
) -> None:
    with packages.install_lock(installed), pytest.raises(InputError, match="Another model install"):
        packages.install(tiny_argosmodel, installed)
    assert_still_works(installed)


def test_an_install_killed_between_its_renames_is_undone_by_the_next(installed: Path) -> None:
    aside = installed / f".{PACKAGE}.workbench-old-0123abcd"
    (installed / PACKAGE).rename(aside)
    leftover = installed / f".{PACKAGE}.workbench-new-4567cdef"
    leftover.mkdir()
    with packages.install_lock(installed):
        cleaned = packages.clean_debris(installed)
    assert sorted(cleaned) == sorted([aside, leftover])
    assert_still_works(installed)


# -- kill -9 while unpacking -----------------------------------------------------------------

SLOW_INSTALL = """
import sys, time
import workbench.mt.archive as archive

def crawl(source, output, size):  # unpack slowly, so that the test can kill it mid-way
    while block := source.read(64 * 1024):
        output.write(block)
        output.flush()
        time.sleep(0.05)

archive._copy_member = crawl
from workbench.cli import main
sys.argv = ["workbench", "model", "install", sys.argv[1]]
main()
"""


def test_kill_9_while_unpacking_keeps_the_previous_model(
    installed: Path, tiny_argosmodel: Path
) -> None:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(installed)}
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_INSTALL, str(tiny_argosmodel)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        partial = _wait_for_partial_model(installed, process)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert partial.is_file()  # killed mid-way: the half-unpacked model is still there ...
    found = scan(installed)
    assert [p.name for p in found.installed] == [PACKAGE] and found.broken == ()
    assert found.debris  # ... hidden, beside the installed model
    engine = ArgosTranslator.load(directory=installed)
    assert engine.translate_batch(["人工智能"])[0].best.text
    listed = run(installed, "model", "list")
    assert PACKAGE in listed.output and "interrupted install" in listed.output

    packages.install(tiny_argosmodel, installed)  # the next install cleans up
    assert scan(installed).debris == ()
    assert sorted(p.name for p in installed.iterdir()) == [".workbench-install.lock", PACKAGE]
    assert_still_works(installed)


def _wait_for_partial_model(directory: Path, process: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for model in directory.glob(f".{PACKAGE}.workbench-new-*/model/model.bin"):
            if model.stat().st_size > 0:
                return model
        if process.poll() is not None:
            raise AssertionError(f"the install ended before it could be killed: {process.stderr}")
        time.sleep(0.01)
    raise AssertionError("the install never started unpacking model.bin")


# -- disks that cannot take the model --------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a tmpfs with the given options (as root); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root and mount(8)")
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], check=False)


def test_a_disk_too_small_is_refused_before_unpacking(
    small_disk: Callable[[str], Path], tiny_argosmodel: Path
) -> None:
    directory = small_disk("size=20m") / "packages"
    result = run(directory, "model", "install", str(tiny_argosmodel))
    assert result.exit_code == 1 and len(error_lines(result)) == 1
    assert "The model needs 8.3 MB" in result.output and "free some space" in result.output
    assert sorted(p.name for p in directory.iterdir()) == [".workbench-install.lock"]


def test_a_read_only_package_folder_is_one_line_and_keeps_the_model(
    small_disk: Callable[[str], Path], tiny_argosmodel: Path
) -> None:
    disk = small_disk("size=64m")
    packages.install(tiny_argosmodel, disk, limits=ArchiveLimits())
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    before = tree_state(disk)
    for args in (["model", "install", str(tiny_argosmodel)], ["model", "remove", "zh-en"]):
        result = run(disk, *args)
        assert result.exit_code == 1 and len(error_lines(result)) == 1, result.output
        assert "read-only" in result.output and "Traceback" not in result.output
    assert tree_state(disk) == before
    assert_still_works(disk)
