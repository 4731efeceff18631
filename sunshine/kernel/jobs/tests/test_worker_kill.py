"""A worker killed with SIGKILL in the middle of a task: the task goes back in the queue once
the dead worker's heartbeat is older than JOBS_ORPHAN_AFTER_SECONDS, another worker runs it,
and it finishes exactly once, even with two live workers sweeping and a task that runs longer
than the orphan delay. Real `manage.py run_worker` processes on the test database."""

import datetime as dt
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel.jobs.models import WorkerHeartbeat
from sunshine.kernel.jobs.testing import database_for_subprocesses

from . import tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ORPHAN_AFTER = 3.0  # seconds (6 missed heartbeats); production default 300
HEARTBEAT = 0.5
TASK_SECONDS = 4.0  # longer than ORPHAN_AFTER: a live worker's task must not be taken
NAMES = ("kill-a", "kill-b", "kill-c")


def start_worker(env: dict, worker_id: str, log_dir: Path) -> subprocess.Popen:
    with open(log_dir / f"{worker_id}.log", "wb") as log:  # the child keeps its own copy
        return subprocess.Popen(
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_worker",
             f"--worker-id={worker_id}", f"--heartbeat-seconds={HEARTBEAT}", "--interval=0.2",
             "--no-startup-delay"],
            env={**env, "JOBS_ORPHAN_AFTER_SECONDS": str(ORPHAN_AFTER)},
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


def runs(path: Path) -> list[str]:
    return path.read_text().split("\n")[:-1] if path.exists() else []


def wait_for(predicate, timeout: float, what: str, logs: Path) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            dump = "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in logs.glob("*.log"))
            pytest.fail(f"timed out waiting for {what}\n{dump}")
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    return process.wait(timeout=20)


def test_a_task_of_a_killed_worker_runs_again_and_finishes_exactly_once(tmp_path):
    trace = tmp_path / "runs.txt"
    result = tasks.record_and_sleep.enqueue(str(trace), TASK_SECONDS)
    workers: dict[str, subprocess.Popen] = {}
    with database_for_subprocesses(tmp_path) as env:
        try:
            # Three live workers; whichever claims the task first is killed in its middle.
            workers = {name: start_worker(env, name, tmp_path) for name in NAMES}
            wait_for(lambda: len(runs(trace)) == 1, 60, "a worker to start the task", tmp_path)
            pid = int(runs(trace)[0].split()[1])
            victim = next(name for name, w in workers.items() if w.pid == pid)
            workers[victim].kill()  # SIGKILL: no clean-up, the task row stays RUNNING
            assert workers[victim].wait(timeout=10) == -signal.SIGKILL
            killed_at = time.monotonic()
            wait_for(
                lambda: any(line.startswith("finish") for line in runs(trace)),
                60,
                "the task to finish on another worker",
                tmp_path,
            )
            finished_at = time.monotonic()
            # Longer than the orphan delay plus a heartbeat: a wrong requeue would show now.
            time.sleep(ORPHAN_AFTER + 2 * HEARTBEAT)
            survivors = [name for name in NAMES if name != victim]
            assert [stop(workers[name]) for name in survivors] == [0, 0]
        finally:
            for worker in workers.values():
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()

    lines = runs(trace)
    assert [line.split()[0] for line in lines] == ["start", "start", "finish"], lines
    assert lines[1].split()[1] == lines[2].split()[1] != str(pid)
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "done"
    # Claimed twice: by the killed worker, then by one survivor; never a third time.
    assert row.worker_ids[0] == victim and row.worker_ids[1] in survivors
    assert len(row.worker_ids) == 2
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.all()}
    assert beats[victim].stopped_at is None  # SIGKILL: it never said goodbye
    assert all(beats[name].stopped_at for name in survivors)
    # The task was handed out again only once the dead worker had been silent for the delay
    # (started_at is the second claim's time; both times come from the workers' clocks).
    assert row.started_at - beats[victim].last_seen >= dt.timedelta(seconds=ORPHAN_AFTER)
    assert finished_at - killed_at >= TASK_SECONDS
