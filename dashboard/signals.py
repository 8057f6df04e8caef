"""Mark the days whose stored totals (dashboard.models.DayTotal) a write changes, in the writer's
transaction. The totals themselves are recomputed by `summaries.refresh_day_totals()`.

Writes that send no model signal (bulk creates, QuerySet.update) send `reports.signals.indicators_changed`
with the days they touch; a report whose date or duplicate status changed sends it with itself, and
every day of its indicators is marked."""

from django.db.models.signals import post_delete, post_save, pre_save

from reports.models import Indicator
from reports.signals import indicators_changed, job_finished

from . import page_cache
from .models import StaleDay


def mark_days(days):
    """Mark these days stale (None, meaning undated, is skipped): one INSERT, none for no day."""
    days = {day for day in days if day is not None}
    page_cache.invalidate()  # undated figures show on the pages too
    if days:
        StaleDay.objects.bulk_create([StaleDay(day=day) for day in sorted(days)])


def mark_every_day():
    """Mark every day that has an indicator (after the places changed, or to rebuild all totals)."""
    page_cache.invalidate()
    days = Indicator.objects.filter(day__isnull=False).values_list("day", flat=True).distinct().order_by()
    StaleDay.objects.bulk_create([StaleDay(day=day) for day in days], batch_size=500)


def _read_stored_day(sender, instance, **kwargs):
    """Indicator._saved_day (the day stored before this save) when the indicator was loaded with `day`
    deferred: read it before the save overwrites it (no such load happens in Sitrep's own code)."""
    if not instance._state.adding and not hasattr(instance, "_saved_day"):
        instance._saved_day = Indicator.objects.filter(pk=instance.pk).values_list("day", flat=True).first()


def _indicator_saved(sender, instance, **kwargs):
    # Indicator.save() sets _saved_day to the new day only after this signal: here it is the old one.
    mark_days({instance.day, getattr(instance, "_saved_day", None)})


def _indicator_deleted(sender, instance, **kwargs):
    mark_days({instance.day})


def _indicators_changed(sender, days=(), report=None, every_day=False, **kwargs):
    if every_day:
        mark_every_day()
        return
    days = set(days)
    if report is not None:
        days |= set(Indicator.objects.filter(report=report).values_list("day", flat=True).distinct().order_by())
    mark_days(days)


def _job_finished(sender, job, **kwargs):
    # An import or re-extraction marked many days: recompute them on a worker, not in the first page.
    from .tasks import refresh_day_totals

    refresh_day_totals.enqueue()


def connect():
    pre_save.connect(_read_stored_day, sender=Indicator, dispatch_uid="sitrep_day_totals_pre_save")
    post_save.connect(_indicator_saved, sender=Indicator, dispatch_uid="sitrep_day_totals_saved")
    post_delete.connect(_indicator_deleted, sender=Indicator, dispatch_uid="sitrep_day_totals_deleted")
    indicators_changed.connect(_indicators_changed, dispatch_uid="sitrep_day_totals_changed")
    job_finished.connect(_job_finished, dispatch_uid="sitrep_day_totals_job_finished")
