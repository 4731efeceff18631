"""The job kernel's own periodic tasks: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature
from sunshine.kernel.jobs.schedule import PeriodicJob

FEATURE = Feature(
    name="jobs",
    label=_("后台任务"),
    jobs=(
        # Every 5 minutes: put back tasks whose worker died mid-run.
        PeriodicJob(
            "jobs.requeue_orphans",
            "sunshine.kernel.jobs.tasks.requeue_orphaned_tasks",
            "*/5 * * * *",
        ),
        # 03:17 every night (Asia/Shanghai), off the round hour other jobs like.
        PeriodicJob("jobs.housekeeping", "sunshine.kernel.jobs.tasks.housekeeping", "17 3 * * *"),
        # 03:41 every night: file jobs (imports/exports) ended FILE_JOBS_KEEP_DAYS days ago
        # go with their result files (kernel/files/filejobs.purge_old_jobs).
        PeriodicJob(
            "files.purge_jobs", "sunshine.kernel.files.tasks.purge_file_jobs", "41 3 * * *"
        ),
    ),
)
