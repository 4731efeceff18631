"""Background tasks of 数据开放 (django-tasks)."""

from django_tasks import task


@task()
def refresh_quality_scores() -> dict:
    """Daily: the timeliness part of every published score moves with the date."""
    from .services import refresh_quality

    return {"changed": refresh_quality()}


@task()
def open_catalog_reviews() -> dict:
    """Daily: open the yearly review of every agency's catalog when it is due."""
    from .services import open_due_reviews

    return open_due_reviews()


@task()
def refresh_generated_datasets() -> dict:
    """Daily: rebuild the generated datasets (双公示 …) whose source table changed."""
    from .services import refresh_all_generated

    return refresh_all_generated()
