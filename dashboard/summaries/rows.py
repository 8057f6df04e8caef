"""Reading rows for the summaries: the counted indicators (rule 1) and the grouped queries whose rows
the engine combines. The lower bound of a figure (rule 3: "up to" states none) is written once, here,
as `FLOOR`: every row the engine reads carries it."""

from __future__ import annotations

import datetime
import functools
import operator

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, Case, CharField, F, Max, Min, Q, Value, When
from django.db.models.functions import Coalesce

from reports.models import CONDITION_KINDS, Indicator, Place

from .engine import CONDITION_STANDS_DAYS, SUMMED_GROUPS

INCIDENT_KINDS = ("killed", "injured", "missing", "displaced")
OPEN_QUALIFIERS = ("at_least", "more_than", "vague")  # no upper end
REVIEWED = (Indicator.Status.VERIFIED, Indicator.Status.CORRECTED)

# A figure's lower bound (rule 3): its `low` when set, else its value; "up to" states none. Written
# once: every row the engine combines carries it as read by the database.
_FLOOR = Case(When(qualifier=Indicator.Qualifier.UP_TO, then=F("low")), default=Coalesce("low", "value"),
              output_field=BigIntegerField())
# The most a figure allows, for the dispute check: open-ended qualifiers allow anything.
_CEILING = Coalesce("high", Case(When(qualifier__in=OPEN_QUALIFIERS, then=Value(None)), default=F("value"),
                                 output_field=BigIntegerField()), output_field=BigIntegerField())
_HIGH = Coalesce("high", "value", output_field=BigIntegerField())

_FIGURE_FIELDS = (
    "id", "kind", "group", "unit", "value", "low", "high", "qualifier", "cumulative", "since", "severity",
    "status", "original", "quote", "day", "place__pcode", "place__name_en", "place__path", "source__name",
    "report__publisher__name", "report_id", "report__title", "report__url", "report__published_on",
)


# --- reading ----------------------------------------------------------------------------------------

def _counted(indicators):
    """Counted indicators (rule 1: `IndicatorQuerySet.counted()`) with no ordering, so that
    values().annotate() groups by exactly the fields named. Their `day` is the day used in series (rule 2)."""
    return indicators.counted().order_by()


def _day_rows(indicators, *, trapped=False, conditions=None, by_source=False, with_path=True, incidents_at=None):
    """One query for the sums: per kind, group, unit, day and place, the smallest lower bound and the
    largest figure of the summed groups (and with trapped=True of trapped estimates), and with
    conditions=(start, end) (or True: all days) the worst severity of each sector there and then (from
    start - 6 days, so that what stands on start is read); with by_source=True also per source (the
    cited one, else the report's publisher), to count them. Rows: (kind, group, unit, day, place_id,
    source_id, path, floor, ceiling, high, worst) (ceiling: the smallest most-a-figure-allows, None when
    every figure there is open-ended); with_path=False leaves path None (for the whole country, the
    place paths are cheaper read apart, see _place_paths).

    incidents_at (a Q) reads only the incident figures it selects (the few beside stored totals): then
    each part is its own SELECT of one UNION ALL, so that each reads its own kinds by the (kind, day)
    index rather than every figure of the window; incidents_at=False reads no incident figure."""
    incidents = Q(kind__in=INCIDENT_KINDS, cumulative=False, group__in=SUMMED_GROUPS)
    parts = ([] if incidents_at is False else
             [incidents if incidents_at is None else incidents & incidents_at])
    if trapped:
        parts.append(Q(kind=Indicator.Kind.TRAPPED, unit=Indicator.Unit.PEOPLE))
    if conditions is True:
        parts.append(Q(kind__in=CONDITION_KINDS))
    elif conditions:
        start, end = conditions
        parts.append(Q(kind__in=CONDITION_KINDS,
                       day__gte=start - datetime.timedelta(days=CONDITION_STANDS_DAYS - 1), day__lte=end))

    def grouped(wanted):
        return (
            _counted(indicators)
            .filter(wanted, day__isnull=False)
            # Grouped by the place's id (a small sort key); its path comes along as an aggregate.
            .annotate(source_key=Coalesce("source_id", "report__publisher_id") if by_source
                      else Value(None, output_field=BigIntegerField()))
            .values_list("kind", "group", "unit", "day", "place_id", "source_key")
            .annotate(path=Max("place__path") if with_path else Value(None, output_field=CharField()),
                      floor=Min(_FLOOR), ceiling=Min(_CEILING), high=Max(_HIGH), worst=Max("severity"))
        )

    if incidents_at is None:
        query = grouped(functools.reduce(operator.or_, parts))
    else:
        first, *others = map(grouped, parts)
        query = first.union(*others, all=True).order_by() if others else first
    return _plain_rows(query, dates=(3,))


def _plain_rows(queryset, *, dates):
    """The rows of a values_list() QuerySet straight from the database cursor, in one query.

    Django's per-value converters cost more than the sums themselves on a year of the whole country;
    the columns here are strings and integers, and dates (at the positions `dates`) which only SQLite
    returns as text.
    """
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing (an invalid FilterSet gives .none())
        return []
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows and connection.vendor == "sqlite":
        parse = datetime.date.fromisoformat
        rows = [
            tuple(parse(v) if i in dates and isinstance(v, str) else v for i, v in enumerate(row)) for row in rows
        ]
    return rows


def _place_paths():
    """{place id: path} for every place: one small query (the gazetteer's size, not the data's)."""
    return dict(_plain_rows(Place.objects.values_list("id", "path"), dates=()))

