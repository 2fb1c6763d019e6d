"""The team's glossary in a PostgreSQL project vs a glossary file, side by side: the time to
add one term (the locked read-modify-write every glossary edit is) and to read the whole
glossary, at the curated glossary's size and at a larger one.

    .venv/bin/python benchmarks/team_glossary.py [--adds 40] [--large 2000]

The server is a throwaway one (tests/pg_server.py) with durable commits, like the file
(written atomically: temporary file, fsync, rename). Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg_server import Server, bindir  # noqa: E402
from workbench.core.glossary import Glossary, Term, TermStatus, chinese_key  # noqa: E402
from workbench.formats import glossary_file  # noqa: E402
from workbench.store.glossary_terms import ProjectGlossary  # noqa: E402
from workbench.store.project import Project  # noqa: E402
from workbench.store.server import ServerAddress  # noqa: E402
from workbench.workflows import glossary_edit  # noqa: E402
from workbench.workflows.glossary_edit import GlossaryLocation  # noqa: E402

HAN = [chr(code) for code in range(0x4E00, 0x4E00 + 400)]


def made_up(count: int, tag: str) -> list[Term]:
    """`count` terms with distinct sources (distinct once folded, as the glossary keys them)."""
    terms: list[Term] = []
    seen: set[str] = set()
    n = 0
    while len(terms) < count:
        a, b = divmod(n, len(HAN))
        n += 1
        source = f"{HAN[a % len(HAN)]}{HAN[b]}{tag}"
        if chinese_key(source) in seen:
            continue
        seen.add(chinese_key(source))
        terms.append(Term(source, f"term {tag} {n}", status=TermStatus.CANDIDATE))
    return terms


def timed(action: Callable[[], object], times: int) -> float:
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        action()
        spent.append(time.perf_counter() - began)
    return statistics.median(spent) * 1000


def measure(
    where: GlossaryLocation,
    adds: int,
    reader: Callable[[], Glossary],
    project: Project | None = None,
    tag: str = "新",
) -> list[float]:
    pending = iter(made_up(adds, tag))

    def add() -> None:
        term = next(pending)
        glossary_edit.edit_glossary(
            where, lambda g: g.with_term(term), if_missing=Glossary(), project=project
        )

    return [timed(add, adds), timed(reader, 10)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adds", type=int, default=40)
    parser.add_argument("--large", type=int, default=2000)
    options = parser.parse_args()
    programs = bindir()
    if programs is None:
        sys.exit("PostgreSQL's programs are not installed (pg_config --bindir)")
    server = Server(programs, durable=True)
    server.start()
    rows: list[tuple[str, list[float], list[float]]] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for label, seed in (
                ("curated", glossary_edit.curated()),
                (f"{options.large} terms", Glossary(made_up(options.large, "旧"))),
            ):
                file = Path(folder) / f"{len(seed)}.tsv"
                glossary_file.write(seed, file)
                on_file = measure(file, options.adds, lambda f=file: glossary_file.read(f))
                address = ServerAddress(server.url(server.create_database()))
                with Project.open(address) as project:
                    glossary_edit.edit_glossary(
                        ProjectGlossary(address), lambda g, s=seed: s, project=project
                    )
                    where = ProjectGlossary(address)
                    on_server = measure(
                        where, options.adds, lambda w=where: glossary_edit.read_project_glossary(w)
                    )
                    # As the editor does: through its open connection.
                    opened = measure(
                        where,
                        options.adds,
                        lambda w=where, p=project: glossary_edit.read_project_glossary(w, p),
                        project,
                        tag="连",
                    )
                rows.append((f"{label} ({len(seed)})", on_file, [*on_server, *opened]))
    finally:
        server.stop()
    print(f"median ms; {options.adds} adds, 10 reads. server: a connection per command (the "
          "CLI); open: through an open connection (the editor)")  # fmt: skip
    print(f"{'glossary':<18} {'add file':>9} {'add server':>11} {'add open':>9} "
          f"{'read file':>10} {'read server':>12} {'read open':>10}")  # fmt: skip
    for label, on_file, on_server in rows:
        print(
            f"{label:<18} {on_file[0]:>9.1f} {on_server[0]:>11.1f} {on_server[2]:>9.1f} "
            f"{on_file[1]:>10.1f} {on_server[1]:>12.1f} {on_server[3]:>10.1f}"
        )


if __name__ == "__main__":
    main()
