"""Signals for writes that Django's model signals do not see.

`indicators_changed` is sent, in the writer's transaction, when indicators change without a model save
or delete: stored in bulk (`days`: the days they fall on), a report's date or duplicate status changed
(`report`: every day of its indicators, and `days`: the report's previous date), or the places they sit
in changed (`every_day=True`). The dashboard's stored totals listen (dashboard/signals.py)."""

from django.dispatch import Signal

indicators_changed = Signal()

job_finished = Signal()
"""Sent after a background job (reports.models.Job, `job`) finished its last item: the dashboard refreshes its
stored totals on a worker then, ahead of the first page."""
