import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock
from sunshine.kernel.jobs.cron import SCHEDULE_TZ, crontab_weekdays, next_fire_time
from sunshine.kernel.jobs.locks import LockHeld, exclusive_lock
from sunshine.kernel.jobs.models import PeriodicRun
from sunshine.kernel.jobs.schedule import periodic_jobs, register_periodic, unregister_periodic
from sunshine.kernel.jobs.scheduler import enqueue_due_jobs

pytestmark = pytest.mark.django_db


def local(*args):
    return dt.datetime(*args, tzinfo=SCHEDULE_TZ)


@pytest.fixture
def hourly_job():
    register_periodic("test.hourly", "sunshine.kernel.jobs.tests.tasks.add", "0 * * * *")
    yield next(j for j in periodic_jobs() if j.name == "test.hourly")
    unregister_periodic("test.hourly")


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_crontab_weekdays_count_from_sunday():
    assert crontab_weekdays("1-5") == "mon,tue,wed,thu,fri"
    assert crontab_weekdays("0,6") == "sun,sat"
    assert crontab_weekdays("7") == "sun"
    assert crontab_weekdays("mon-wed") == "mon,tue,wed"
    assert crontab_weekdays("*/2") == "sun,tue,thu,sat"
    # Saturday 2026-10-10 is a 调休 working day in China, but cron knows only weekdays.
    assert next_fire_time("0 9 * * 1-5", local(2026, 10, 10, 12, 0)) == local(2026, 10, 12, 9, 0)


def test_a_malformed_cron_is_refused_at_registration():
    with pytest.raises(ValueError):
        register_periodic("test.bad", "x.y", "0 9 * *")


def test_housekeeping_is_registered():
    job = next(j for j in periodic_jobs() if j.name == "jobs.housekeeping")
    assert job.task_path == "sunshine.kernel.jobs.tasks.housekeeping"


def test_once_enqueues_registered_jobs_never_run_before(hourly_job):
    call_command("run_scheduler", "--once")
    paths = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "sunshine.kernel.jobs.tests.tasks.add",
        "sunshine.kernel.jobs.tasks.housekeeping",
    } <= paths
    run = PeriodicRun.objects.get(name="test.hourly")
    assert DBTaskResult.objects.filter(id=run.last_result_id).exists()


def test_missed_runs_are_caught_up_once(hourly_job):
    with clock.frozen(local(2026, 9, 30, 10, 5)):
        assert [e.job for e in enqueue_due_jobs(jobs=[hourly_job])] == ["test.hourly"]
    with clock.frozen(local(2026, 9, 30, 10, 59)):
        assert enqueue_due_jobs(jobs=[hourly_job]) == []  # nothing due since 10:05
    # Down from 11:00 to 15:30: five cron times missed, enqueued once.
    with clock.frozen(local(2026, 9, 30, 15, 30)):
        assert len(enqueue_due_jobs(jobs=[hourly_job])) == 1
        assert enqueue_due_jobs(jobs=[hourly_job]) == []
    assert DBTaskResult.objects.filter(task_path=hourly_job.task_path).count() == 2


def test_a_second_scheduler_is_refused(tmp_path):
    from django.db import connection

    with exclusive_lock():
        with pytest.raises(LockHeld):
            with exclusive_lock():
                pass
        with pytest.raises(CommandError, match="已有一个定时任务调度进程在运行"):
            call_command("run_scheduler", "--once")
    if connection.vendor == "sqlite":  # PostgreSQL uses an advisory lock instead
        assert (tmp_path / "scheduler.lock").exists()
    with exclusive_lock():  # released: the next one gets it
        pass


def test_housekeeping_prunes_old_results():
    from django.utils import timezone
    from django_tasks import TaskResultStatus

    from sunshine.kernel.jobs.tasks import housekeeping

    from . import tasks

    old, recent = tasks.add.enqueue(1, 1), tasks.add.enqueue(2, 2)
    DBTaskResult.objects.filter(id=old.id).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now() - dt.timedelta(days=30)
    )
    DBTaskResult.objects.filter(id=recent.id).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now()
    )
    assert housekeeping.call() == {"results_pruned": 1, "heartbeats_pruned": 0}
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [recent.db_result.id]


def test_tasks_of_a_dead_worker_are_put_back_in_the_queue():
    from django_tasks import TaskResultStatus

    from sunshine.kernel.jobs.heartbeat import record_heartbeat, record_stopped
    from sunshine.kernel.jobs.tasks import requeue_orphaned_tasks

    from . import tasks

    record_heartbeat(worker_id="w-dead")
    record_stopped(worker_id="w-dead")
    record_heartbeat(worker_id="w-alive")
    orphan, busy, foreign = (tasks.add.enqueue(1, n) for n in range(3))
    for result, worker in ((orphan, "w-dead"), (busy, "w-alive"), (foreign, "db-worker-x")):
        result.db_result.claim(worker)
    assert requeue_orphaned_tasks.call() == {"requeued": 1}
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[orphan.db_result.id] == TaskResultStatus.READY
    assert statuses[busy.db_result.id] == TaskResultStatus.RUNNING
    assert statuses[foreign.db_result.id] == TaskResultStatus.RUNNING
