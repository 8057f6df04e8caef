"""Background tasks of the reading side (run by `manage.py db_worker`, see reports/tasks.py)."""

from django.tasks import task

from . import summaries


@task
def refresh_day_totals():
    """Recompute the stored daily totals of the days marked stale (after an import job): the first page
    after a big import then reads them ready. Safe to run twice (a second run finds nothing stale)."""
    return summaries.refresh_day_totals()
