"""Writes the editor must never wait for: parking drafts, retrying a save that failed and
remembering where the cursor was.

They run one after another (in the order given) on a thread with its own connection to the
project, so that a project another program is writing to (SQLite waits for its lock) or a
full disk never freezes the screen, and a failure comes back as a value, never as an
exception in the UI. Results are handed to the UI thread through `deliver`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from workbench.core.errors import WorkbenchError
from workbench.store.project import Project, ProjectLocation

T = TypeVar("T")
Deliver = Callable[[Callable[[], None]], None]
"""Runs a callable on the UI thread (posted, never waited for: the UI may be waiting for the
writer at that moment)."""


class BackgroundWriter:
    """One thread, one connection, jobs in order."""

    def __init__(self, path: ProjectLocation, deliver: Deliver) -> None:
        self.path = path
        self._deliver = deliver
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-writer")
        self._project: Project | None = None
        self._closed = False

    def submit(
        self,
        job: Callable[[Project], T],
        done: Callable[[T | WorkbenchError], None] | None = None,
    ) -> Future[T | WorkbenchError] | None:
        """Run `job` with the writer's connection; `done` gets its result or its
        WorkbenchError on the UI thread. None once the writer is closed."""
        if self._closed:
            return None
        future = self._executor.submit(self._run, job)
        if done is not None:
            future.add_done_callback(lambda f: self._deliver(lambda: done(f.result())))
        return future

    def _run(self, job: Callable[[Project], T]) -> T | WorkbenchError:
        try:
            if self._project is None:
                self._project = Project.open(self.path, create=False)
            return job(self._project)
        except WorkbenchError as exc:
            return exc
        except Exception as exc:  # any failure is reported; an exception must not reach the UI
            return WorkbenchError(f"{self.path}: {exc}")

    def close(self) -> None:
        """Finish the jobs already given, then close the connection."""
        if self._closed:
            return
        self._closed = True
        self._executor.submit(self._close_project)
        self._executor.shutdown(wait=True)

    def _close_project(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None
