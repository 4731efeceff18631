"""Background tasks of the catalog (django-tasks), run daily (apps.py). Both are idempotent:
a second run the same day changes nothing and tells nobody twice."""

from django_tasks import task


@task()
def check_stale_items() -> dict:
    """Recompute every item's stale flag; tell the officers of newly stale items."""
    from .stale import check_all_catalogs

    return check_all_catalogs()


@task()
def open_due_reviews() -> dict:
    """Open the yearly review of every catalog whose review date has come."""
    from .review import open_due_reviews as open_reviews

    return open_reviews()


@task()
def run_catalog_import(job_id: int) -> str:
    """A large catalog import (a kernel FileJob started by imports.start_import)."""
    from .imports import run_import_job

    return run_import_job(job_id)


@task()
def run_catalog_export(job_id: int) -> str:
    """A large catalog export (a kernel FileJob started by exports.start_export)."""
    from .exports import run_export_job

    return run_export_job(job_id)
