"""The one signal from the data to the derived data (reports never imports the dashboard).

`indicators_changed` is sent, in the writer's transaction, by reports/models.py alone (`_mark_days` and
Place.save): with `days`, the days on which what the summaries count changed (an indicator saved,
deleted, created, updated or moved to another day, through the model or its QuerySet; a report's date
or duplicate status changed; a report deleted), or with `every_day=True` when places nest differently.
The dashboard's stored totals receive it (dashboard/signals.py -> dashboard.summaries.stored.mark_days)."""

from django.dispatch import Signal

indicators_changed = Signal()

job_finished = Signal()
"""Sent after a background job (reports.models.Job, `job`) finished its last item: the dashboard refreshes its
stored totals on a worker then, ahead of the first page."""
