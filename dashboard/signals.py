"""The dashboard's receivers of the data's signals (reports/signals.py). Connected in DashboardConfig.ready.

`indicators_changed` is how reports/models.py, which never imports the dashboard, marks the days whose
stored totals a write changed: it is handed to `summaries.stored.mark_days`, the one marking function."""

from reports.signals import indicators_changed, job_finished

from .summaries import stored


def _indicators_changed(sender, days=(), every_day=False, **kwargs):
    if every_day:
        stored.mark_every_day()
    else:
        stored.mark_days(days)


def _job_finished(sender, job, **kwargs):
    # An import or re-extraction marked many days: recompute them on a worker, not in the first page.
    from .tasks import refresh_day_totals

    refresh_day_totals.enqueue()


def connect():
    indicators_changed.connect(_indicators_changed, dispatch_uid="sitrep_day_totals_changed")
    job_finished.connect(_job_finished, dispatch_uid="sitrep_day_totals_job_finished")
