from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sunshine.kernel.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self):
        from .schedule import register_periodic

        # Every 5 minutes: put back tasks whose worker died mid-run.
        register_periodic(
            "jobs.requeue_orphans",
            "sunshine.kernel.jobs.tasks.requeue_orphaned_tasks",
            "*/5 * * * *",
        )
        # 03:17 every night (Asia/Shanghai), off the round hour other jobs like.
        register_periodic(
            "jobs.housekeeping", "sunshine.kernel.jobs.tasks.housekeeping", "17 3 * * *"
        )
