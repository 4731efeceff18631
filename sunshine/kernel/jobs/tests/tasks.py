"""Tasks used by the jobs tests (module-level, so the worker can import them by path)."""

from django_tasks import task

from sunshine.kernel.jobs.retry import current_attempt, retrying

CALLS: list[tuple[str, int]] = []


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
@retrying(max_attempts=5, backoff_seconds=0)
def fails_then_succeeds(key: str, failures: int) -> dict:
    """Fails `failures` times, then succeeds: a stand-in for a flaky SMTP server."""
    attempt = current_attempt()
    CALLS.append((key, attempt.number))
    if attempt.number <= failures:
        raise ConnectionError(f"{key}: simulated failure {attempt.number}")
    return {"key": key, "attempt": attempt.number}


@task()
@retrying(max_attempts=3, backoff_seconds=600)
def always_fails(key: str) -> None:
    CALLS.append((key, current_attempt().number))
    raise ConnectionError(f"{key}: down")


@task()
def record_and_sleep(path: str, seconds: float) -> str:
    """Writes "start <pid>" to `path`, sleeps, writes "finish <pid>": each run leaves its trace
    in a file, which survives a worker killed in the middle (the database row would not)."""
    import os
    import time

    def note(word: str) -> None:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{word} {os.getpid()}\n")
            handle.flush()
            os.fsync(handle.fileno())

    note("start")
    time.sleep(seconds)
    note("finish")
    return "done"
