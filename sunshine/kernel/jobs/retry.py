"""Retries for background tasks (django-tasks has none).

Use `retrying` between `@task()` and the function:

    @task()
    @retrying(max_attempts=5, backoff_seconds=60)
    def send_delivery(delivery_id: int) -> str:
        ...

When the function raises, the wrapper enqueues the same task again with the same arguments
plus an attempt counter (`_attempt`, a JSON keyword), to run after an exponential backoff
(60 s, 120 s, 240 s, ... capped at `max_backoff_seconds`), and re-raises, so the failed
attempt keeps its traceback in the task result. After `max_attempts` it only re-raises.
Inside the function, `current_attempt()` tells which attempt this is and whether it is the
last one (to record a final failure).

Tasks must be idempotent: an attempt can fail after part of its work was done (an e-mail
sent, the row not yet updated), and the next attempt repeats it. Check state first
("already sent? then stop") and make each write safe to do twice."""

import datetime as dt
import functools
import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import Task  # django.tasks.Task on Django 6

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"


@dataclass(frozen=True)
class Attempt:
    number: int  # 1 for the first run
    max_attempts: int

    @property
    def is_last(self) -> bool:
        return self.number >= self.max_attempts


_current: ContextVar[Attempt | None] = ContextVar("sunshine_task_attempt", default=None)


def current_attempt() -> Attempt:
    """The attempt running now; outside `retrying`, a single and therefore last attempt."""
    return _current.get() or Attempt(1, 1)


def backoff_delay(
    attempt: int, *, backoff_seconds: float, factor: float, max_backoff_seconds: float
) -> dt.timedelta:
    """Delay before attempt `attempt + 1`: backoff_seconds * factor ** (attempt - 1), capped."""
    seconds = min(backoff_seconds * factor ** (attempt - 1), max_backoff_seconds)
    return dt.timedelta(seconds=max(seconds, 0))


def _task_of(wrapper: Callable) -> Task:
    task = import_string(f"{wrapper.__module__}.{wrapper.__qualname__}")
    if not isinstance(task, Task):
        raise TypeError(f"{wrapper.__qualname__}: put @retrying under @task(), not above it")
    return task


def retrying(
    *,
    max_attempts: int = 5,
    backoff_seconds: float = 30.0,
    backoff_factor: float = 2.0,
    max_backoff_seconds: float = 3600.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Retry a task function up to `max_attempts` times in all, with exponential backoff."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, _attempt: int = 1, **kwargs: Any) -> Any:
            attempt = Attempt(_attempt, max_attempts)
            token = _current.set(attempt)
            try:
                return func(*args, **kwargs)
            except retry_on as exc:
                if attempt.is_last:
                    logger.error(
                        "%s: giving up after %d attempts: %r", func.__qualname__, _attempt, exc
                    )
                    raise
                delay = backoff_delay(
                    _attempt,
                    backoff_seconds=backoff_seconds,
                    factor=backoff_factor,
                    max_backoff_seconds=max_backoff_seconds,
                )
                # The worker compares run_after with the real time, not with clock.now()
                # (which tests may freeze), so the queue is fed real time here.
                _task_of(wrapper).using(run_after=timezone.now() + delay).enqueue(
                    *args, **{**kwargs, ATTEMPT_KWARG: _attempt + 1}
                )
                logger.warning(
                    "%s: attempt %d of %d failed (%r); retrying in %s",
                    func.__qualname__,
                    _attempt,
                    max_attempts,
                    exc,
                    delay,
                )
                raise
            finally:
                _current.reset(token)

        wrapper.max_attempts = max_attempts  # type: ignore[attr-defined]
        return wrapper

    return decorate
