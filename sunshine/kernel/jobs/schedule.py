"""The declared periodic schedule. Modules list their periodic tasks in their feature manifest
(kernel/features.py), e.g.:

    jobs=(PeriodicJob("deadlines.sweep", "sunshine.kernel.deadlines.tasks.sweep_clocks",
                      "*/5 * * * *"),)

The scheduler process (`manage.py run_scheduler`) only enqueues these tasks (by their dotted
path, a django-tasks Task object) at the cron times in Asia/Shanghai; the worker runs them.
Weekdays follow crontab (0 or 7 = Sunday, 1-5 = Monday to Friday); see `cron.py`.
A malformed cron expression fails at registration, i.e. at start-up, not at 3 a.m."""

from dataclasses import dataclass

from sunshine.kernel.registry import Registry

from .cron import cron_trigger


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str  # dotted path of a django_tasks Task (a function decorated with @task)
    cron: str  # five-field crontab, Asia/Shanghai


_PERIODIC: Registry[PeriodicJob] = Registry("periodic job")


def add_periodic(job: PeriodicJob) -> PeriodicJob:
    cron_trigger(job.cron)  # raises ValueError for a malformed expression
    return _PERIODIC.add(job.name, job)


def register_periodic(name: str, task_path: str, cron: str) -> PeriodicJob:
    return add_periodic(PeriodicJob(name, task_path, cron))


def unregister_periodic(name: str) -> None:
    """Remove a job (for tests that register their own)."""
    _PERIODIC.remove(name)


def periodic_jobs() -> list[PeriodicJob]:
    return _PERIODIC.all()
