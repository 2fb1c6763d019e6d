"""Import of large HTML pages: time and peak memory at 5, 20 and 50 MB, side by side.

    .venv/bin/python benchmarks/ingest_scale.py [--sizes 5,20,50] [--shape news|dense|repeat|all]
        [--runs N]

Each page is generated (deterministically, from the Chinese of eval/dev-pairs.tsv) into a
temporary folder and imported into a new project by `python -m workbench import` in its own
process; the figures are that process's wall time, CPU time (user + system) and peak
resident memory, from `os.wait4` (the kernel's `getrusage` for that child alone); with
--runs N the fastest of N imports (on a shared machine times vary by a fifth or more).

Shapes:
- news: one long article as news sites publish it: indented <p> paragraphs with inline
  styles, a photo with a base64 data-URI and a caption every eight paragraphs, share
  buttons and related links every forty, a large inline <style> and <script> in the head,
  reader comments after the article. About a third of the bytes is text.
- dense: nothing but <p> paragraphs (the most paragraphs per megabyte; the worst case for
  everything after parsing: cleaning, sentence splitting, the store).
- repeat: tests/data/ingest/people_page.html (a scraped page, 1.5 kB) repeated, as the
  hostile corpus makes large files: a tag every 25 bytes and almost every block dropped
  (the worst case for parsing and for the number of blocks).
"""

from __future__ import annotations

import argparse
import base64
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def sentences() -> list[str]:
    """The Chinese side of the dev pairs: official text, no site junk."""
    with (ROOT / "eval" / "dev-pairs.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [row["zh"] for row in rows if len(row["zh"]) >= 10]


def paragraphs(pool: list[str]) -> object:
    """Endless distinct paragraphs of one to three sentences each."""
    n = 0
    while True:
        first = pool[n % len(pool)]
        second = pool[(n * 7 + 3) % len(pool)] if n % 3 else ""
        yield f"{first}{second}（第{n + 1}段）"
        n += 1


def head(shape: str) -> str:
    top = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>人工智能全球治理行动计划全文--时政--人民网</title>"
        "<meta name='publishdate' content='2025-07-26'>"
    )
    if shape == "news":
        rules = "".join(f".c{n}{{margin:{n % 9}px;color:#{n % 4096:03x}}}\n" for n in range(4000))
        code = "".join(f"var v{n}='{n * 7919 % 100003}';\n" for n in range(6000))
        top += f"<style>{rules}.seo{{display:none}}</style><script>{code}</script>"
    return top + (
        "</head><body><div class='top_nav'><a>人民网首页</a><a>时政</a><a>国际</a></div>"
        "<div class='col'><h1>人工智能全球治理行动计划全文</h1>"
        "<div class='col-1-1'>2025年07月26日 | 来源：人民网－人民日报</div>"
        "<div class='rm_txt_con'>\n"
    )


def furniture(n: int, photo: str) -> str:
    parts = []
    if n % 8 == 7:
        parts.append(
            f"<div class='pic' style='text-align:center'><img src='data:image/png;base64,"
            f"{photo}' alt='图片'><p class='pic-desc'>图为会议现场（第{n}张）</p></div>\n"
        )
    if n % 40 == 39:
        parts.append(
            "<div class='bdsharebuttonbox'><a>分享到微信</a><a>新浪微博</a></div>"
            "<div class='seo'>九游会官网登录入口</div>"
            "<div class='rm_relevant'><h2>相关新闻</h2><ul>"
            + "".join(f"<li><a href='/n{n}-{k}.html'>相关报道{n}-{k}</a></li>" for k in range(5))
            + "</ul></div>\n"
        )
    return "".join(parts)


def tail(shape: str, size: int) -> str:
    if shape != "news":
        return "</div></div></body></html>\n"
    comments = "".join(
        f"<li class='comment-item'><span>网友{k:04d}</span><p>支持，说得好！第{k}条</p></li>"
        for k in range(max(50, size // MB * 40))
    )
    return (
        "<p>（责编：王瑞、岳弘彬）</p></div></div>"
        f"<div class='comment-list'><h3>网友评论</h3><ul>{comments}</ul></div>"
        "<div class='foot'>人民日报社概况 | 关于人民网</div></body></html>\n"
    )


def make_page(path: Path, size: int, shape: str) -> int:
    """Write a page of about `size` bytes; returns the number of article paragraphs."""
    if shape == "repeat":
        page = (ROOT / "tests" / "data" / "ingest" / "people_page.html").read_bytes()
        path.write_bytes(page * (size // len(page)))
        return 3 * (size // len(page))
    photo = base64.b64encode(bytes((n * 37 + 11) % 256 for n in range(2400))).decode()
    start, end = head(shape), tail(shape, size)
    written = len(start.encode()) + len(end.encode())
    count = 0
    source = paragraphs(sentences())
    with path.open("w", encoding="utf-8") as handle:
        handle.write(start)
        while True:
            style = " style='text-indent: 2em;'" if shape == "news" else ""
            chunk = f"<p{style}>{next(source)}</p>\n"  # type: ignore[call-overload]
            if shape == "news":
                chunk += furniture(count, photo)
            if written + len(chunk.encode()) > size:
                break  # at most `size` bytes: a 50 MB page is within the default limit
            handle.write(chunk)
            written += len(chunk.encode())
            count += 1
        handle.write(end)
    return count


def measure(
    page: Path, project: Path, *, existing: bool = False
) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, the import's summary line); `existing`:
    into a project that already holds the seeds (so repeated paragraphs are looked for)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    if existing:
        seeds = [str(seed) for seed in sorted((ROOT / "seeds").glob("*.txt"))]
        subprocess.run(
            [sys.executable, "-m", "workbench", "import", *seeds, "--project", str(project)],
            env=env,
            check=True,
            capture_output=True,
        )
    command = [sys.executable, "-m", "workbench", "import", str(page), "--project", str(project)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"import of {page.name} failed: {err.decode(errors='replace')}")
    summary = next(
        (line.strip() for line in out.decode().splitlines() if "paragraphs kept" in line), ""
    )
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,20,50", help="page sizes in MB, comma-separated")
    parser.add_argument(
        "--runs", type=int, default=1, help="import each page this many times; print the best"
    )
    parser.add_argument("--shape", choices=("news", "dense", "repeat", "all"), default="all")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = ("news", "dense", "repeat") if args.shape == "all" else (args.shape,)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(
        f"{'shape':6} {'MB':>5} {'paragraphs':>10} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}"
        "  CPU s per MB"
    )
    runs = [(shape, size, False) for shape in shapes for size in sizes]
    runs += [(shape, max(sizes), True) for shape in shapes if shape == "news"]
    for shape, size, existing in runs:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / f"{shape}_{size:g}mb.html"
            count = make_page(page, int(size * MB), shape)
            results = []
            for run in range(args.runs):
                project = Path(folder) / f"bench{run}.sqlite"
                results.append(measure(page, project, existing=existing))
            wall, cpu, peak, summary = min(results)
        kept = re.search(r"(\d+) paragraphs kept", summary)
        label = shape + ("+" if existing else "")
        print(
            f"{label:6} {size:5g} {count:10d} {wall:7.1f} {cpu:7.1f} {peak:8.0f}"
            f"  {cpu / size:5.2f}   (kept {kept.group(1) if kept else '?'})"
        )
    print("+: into a project that already holds the two seeds (repeats are looked for)")


if __name__ == "__main__":
    main()
