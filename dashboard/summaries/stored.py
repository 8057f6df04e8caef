"""Stored daily totals (rule 9, dashboard.models.DayTotal): marking the days a write changed, refreshing
them, rebuilding all, and deciding when a page's filter can be answered from them.

Every mark passes through `mark_days`: reports/models.py's writes send `reports.signals.indicators_changed`
and dashboard/signals.py hands it here (README: "Where the marking lives")."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db import transaction

from reports.models import Indicator, Place

from ..filters import IndicatorFilter
from .. import page_cache
from ..models import DEEPEST, DayTotal, StaleDay
from .engine import _depth, _split, _sums
from .rows import INCIDENT_KINDS, _day_rows


def mark_days(days):
    """Mark these days stale (None, meaning undated, is skipped), in the caller's transaction. The one
    function every mark passes through; it also retires every page kept in the shared cache
    (dashboard.page_cache), undated figures included, since they show on the pages too."""
    page_cache.invalidate()
    days = sorted({day for day in days if day is not None})
    if days:
        StaleDay.objects.bulk_create([StaleDay(day=day) for day in days], batch_size=500)


def mark_every_day():
    """Mark every day that has an indicator (after the places changed, or to rebuild all totals)."""
    mark_days(Indicator.objects.filter(day__isnull=False).values_list("day", flat=True).distinct().order_by())


# --- stored daily totals (rule 9) ---------------------------------------------------------------------

REFRESH_DAYS = 31          # days recomputed per read of the figures (bounds memory on a full rebuild)
REFRESH_MARKS = 5000       # stale-day marks taken per pass
_REFRESH_LOCK = 7_412_001  # PostgreSQL advisory lock: one refresh at a time


def refresh_day_totals():
    """Recompute the stored totals (dashboard.models.DayTotal) of every stale day; returns how many days.

    One query when nothing is stale. Otherwise, per pass of at most REFRESH_MARKS marks: the marks, per
    REFRESH_DAYS days the figures (the same grouped read the sums use), the old totals deleted and the
    new ones inserted, and the marks read deleted (only those: a day marked while this runs stays
    marked). One refresh at a time (PostgreSQL: an advisory lock; SQLite: its write lock)."""
    if not StaleDay.objects.exists():
        return 0
    refreshed = set()
    with transaction.atomic():
        connection = transaction.get_connection()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REFRESH_LOCK])
        while marks := list(StaleDay.objects.order_by("id").values_list("id", "day")[:REFRESH_MARKS]):
            days = sorted({day for _id, day in marks})
            for first in range(0, len(days), REFRESH_DAYS):
                chosen = days[first:first + REFRESH_DAYS]
                data = _split(_day_rows(Indicator.objects.filter(day__in=chosen)))
                DayTotal.objects.filter(day__in=chosen).delete()
                DayTotal.objects.bulk_create(_scope_totals(data.incidents), batch_size=1000)
            refreshed.update(days)
            StaleDay.objects.filter(id__in=[mark_id for mark_id, _day in marks]).delete()
    return len(refreshed)


def rebuild_day_totals():
    """Recompute every stored total from the figures (after a bulk load that went round the models, such
    as the benchmark's COPY)."""
    with transaction.atomic():
        DayTotal.objects.all().delete()
        mark_every_day()
    return refresh_day_totals()


def _scope_totals(incident_nodes):
    """DayTotal rows from _DayData.incidents: per series and day, for each place down to DEEPEST (and
    "" for figures without a place), the incidents of the places at or inside it summed as _sums sums
    them, which is what the live sums give for a filter narrowed to that place."""
    totals = []
    for (series, day), nodes in incident_nodes.items():
        scoped = defaultdict(dict)
        for path, node in nodes.items():
            if not path:
                scoped[("", -1)][path] = node
                continue
            parts = path.split("/")
            for depth in range(min(len(parts) - 1, DEEPEST) + 1):
                scoped[("/".join(parts[:depth + 1]), depth)][path] = node
        for (scope, depth), inner in scoped.items():
            low = high = count = 0
            for _key, _path, incident_low, incident_high in _sums({series: inner}):
                low += incident_low
                high += incident_high
                count += 1
            totals.append(DayTotal(scope=scope, depth=depth, series=series, day=day, low=low, high=high,
                                   incidents=count))
    return totals


class _Window(NamedTuple):
    """What a filter narrows to when stored totals can answer it: dates, a place (None: everywhere)
    and the incident series of the kinds asked for."""
    start: datetime.date | None
    end: datetime.date | None
    place: Place | None
    series: tuple[str, ...]


def _read(filters):
    """(indicators, window) from what a summary was given: a QuerySet (window None: computed from the
    figures), or an IndicatorFilter, whose window is set when stored totals give the same answer: the
    filter is valid, starts from every indicator, and narrows by no more than dates, kinds and a place
    down to a sub-district (DEEPEST). A source, review status or text search is answered from the
    figures, as the stored totals sum every counted figure."""
    if not isinstance(filters, IndicatorFilter):
        return filters, None
    indicators = filters.qs
    if not filters.is_valid() or filters.queryset.query.where:
        return indicators, None
    data = filters.form.cleaned_data
    if data.get("source") or data.get("status") or (data.get("q") or "").strip():
        return indicators, None
    place = data.get("place")
    if place is not None and _depth(place.path) > DEEPEST:
        return indicators, None
    kinds = [kind for kind in (data.get("kind") or INCIDENT_KINDS) if kind in INCIDENT_KINDS]
    series = tuple(kinds) + tuple(kind + "_families" for kind in kinds)
    return indicators, _Window(data.get("date_after"), data.get("date_before"), place, series)


def _stored(window, **narrowing):
    """The stored totals in a window (refreshed first), narrowed further by `narrowing`."""
    refresh_day_totals()
    totals = DayTotal.objects.filter(series__in=window.series, **narrowing)
    if window.start:
        totals = totals.filter(day__gte=window.start)
    if window.end:
        totals = totals.filter(day__lte=window.end)
    return totals.order_by()

