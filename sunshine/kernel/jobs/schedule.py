"""The declared periodic schedule. Modules register their periodic tasks once, in their
AppConfig.ready(), e.g.:

    from sunshine.kernel.jobs.schedule import register_periodic
    register_periodic("deadlines.sweep", "sunshine.kernel.deadlines.tasks.sweep_clocks",
                      cron="*/5 * * * *")

The scheduler process (`manage.py run_scheduler`) only enqueues these tasks (by their dotted
path, a django-tasks Task object) at the cron times in Asia/Shanghai; the worker runs them.
Weekdays follow crontab (0 or 7 = Sunday, 1-5 = Monday to Friday); see `cron.py`.
A malformed cron expression fails at registration, i.e. at start-up, not at 3 a.m."""

from dataclasses import dataclass

from .cron import cron_trigger


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str  # dotted path of a django_tasks Task (a function decorated with @task)
    cron: str  # five-field crontab, Asia/Shanghai


_PERIODIC: dict[str, PeriodicJob] = {}


def register_periodic(name: str, task_path: str, cron: str) -> None:
    cron_trigger(cron)  # raises ValueError for a malformed expression
    _PERIODIC[name] = PeriodicJob(name, task_path, cron)


def unregister_periodic(name: str) -> None:
    """Remove a job (for tests that register their own)."""
    _PERIODIC.pop(name, None)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_PERIODIC.values(), key=lambda j: j.name)
