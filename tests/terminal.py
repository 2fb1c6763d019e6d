"""Running a command with its output on a pseudo-terminal, as a person at a terminal sees
it (colours, progress bars and the like are for terminals only)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path


def output_on_a_terminal(argv: list[str], *, env: dict[str, str], cwd: Path) -> str:
    """What `argv` writes to stdout and stderr, both on one pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env, cwd=cwd
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")
