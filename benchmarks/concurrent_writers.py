"""Concurrent writers: N processes each saving M rows one by one (one transaction per save,
as the editor saves), on a SQLite file and on a PostgreSQL database, side by side.

    .venv/bin/python benchmarks/concurrent_writers.py [--writers 8] [--saves 1000]

The PostgreSQL server is a throwaway one (tests/pg_server.py) started with durable commits
(fsync on, synchronous_commit on), like the SQLite file (WAL, synchronous = FULL): each save
is on disk when it returns. Prints throughput (saves per second over the whole run) and the
median, 95th-percentile and longest latency of one save.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg_server import Server, bindir  # noqa: E402
from tests.store_fixtures import add_document, paragraph_texts  # noqa: E402
from workbench.store.project import Project  # noqa: E402


def writer(
    location: str, number: int, writers: int, saves: int, start: float
) -> tuple[list[float], float]:
    """Wait for the common start, save this writer's rows; the latencies and the time the
    last save returned."""
    with Project.open(location) as project:
        mine = [p.id for p in project.paragraphs()][number::writers][:saves]
        while time.time() < start:
            time.sleep(0.001)
        latencies = []
        for n, paragraph_id in enumerate(mine):
            began = time.perf_counter()
            project.set_target(paragraph_id, f"Writer {number}, save {n}.")
            latencies.append(time.perf_counter() - began)
        return latencies, time.time()


def run(location: str, writers: int, saves: int) -> tuple[float, float, float, float]:
    with Project.open(location) as project:
        add_document(project, paragraph_texts(writers * saves))
    start = time.time() + 2.0  # every process connected and waiting by then
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        results = pool.starmap(
            writer, [(location, n, writers, saves, start) for n in range(writers)]
        )
    latencies = sorted(x for part, _ in results for x in part)
    wall = max(end for _, end in results) - start
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    rate = len(latencies) / wall
    return rate, statistics.median(latencies) * 1000, p95 * 1000, latencies[-1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--saves", type=int, default=1000)
    args = parser.parse_args()
    programs = bindir()
    if programs is None:
        sys.exit("no PostgreSQL programs (initdb) found: run setup.sh")
    server = Server(programs, durable=True)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite = run(str(Path(folder) / "bench.sqlite"), args.writers, args.saves)
        postgres = run(server.url(server.create_database()), args.writers, args.saves)
    finally:
        server.stop()
    print(f"{args.writers} writers x {args.saves} saves, one transaction per save")
    print(f"{'':12}{'saves/s':>10}{'median ms':>12}{'p95 ms':>10}{'max ms':>10}")
    for name, (rate, median, p95, worst) in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        print(f"{name:12}{rate:10.0f}{median:12.1f}{p95:10.1f}{worst:10.0f}")
    print(f"PostgreSQL / SQLite throughput: {postgres[0] / sqlite[0]:.2f}")


if __name__ == "__main__":
    main()
