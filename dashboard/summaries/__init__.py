"""One honest series per place out of many reports.

Every public function takes the page's `IndicatorFilter` (dates, place with sub-places, kind, source,
status, q), or an `Indicator` QuerySet already narrowed, and returns plain data (dataclasses of dates,
ints, strings and lists: `dataclasses.asdict` gives what Chart.js, templates and CSV need). Both give
the same answer (rule 9 says when a filter is answered from stored totals). Each runs a fixed number of
queries whatever the data size.

The rules, as the code applies them:

1. Review first. Only the rows of `Indicator.objects.counted()` are used:
   rejected indicators and indicators of confirmed-duplicate reports are left out. A corrected indicator's row already holds the corrected
   value (the machine's reading is kept in `Indicator.original`), so corrections win by construction.
   Verified and corrected indicators are "reviewed"; `review_share` says how much of what is shown is.
2. The day of a figure or condition is its own date, else its report's publication date (as the filters
   do): stored as `Indicator.day`, so a date window is an index range. Figures and conditions with
   neither (day null) are left out of every series and counted by `undated_count`, so the page can
   say so.
3. Incidents (figures with cumulative=False, every kind but trapped). The rule, stated once:
   - Figures of one kind, group and unit on one day AT ONE PLACE are one account of one incident,
     whichever and however many reports tell it: its low (the conservative figure) is the smallest
     lower bound among them (the largest every account supports), its high the largest figure any
     gives. A figure's lower bound is its `low` when set, else its value; "up to" figures state none
     (an incident told only in "up to" figures has low 0). Vague amounts already carry conservative
     values (dozens 24, hundreds 200...). So "at least 12" (SOHR) and "15" (civil defence) are one
     incident, low 12, high 15, two sources. Figures whose ranges do not meet within a tolerance of 10%
     (at least 1) are NOT split (that would double count one strike told twice): one incident shown as
     a range (12 and 30: low 12, high 30), marked `disputed`.
   - Incidents at sibling places (neither inside the other) are distinct and add up.
   - A place's conservative figure is never below the sum of the distinct incidents told inside it
     (the nearest told places beneath it, each solved by this rule first): a figure told for a
     containing place (`Place.path` prefix: neighbourhood -> named area -> community -> admin3 ->
     admin2 -> admin1 -> country) may be one of them told less precisely or all of them; it is no proof
     that the others did not happen. So it
       * covers them when it is not below their sum (its ceiling reaches the sum of their lows within
         the tolerance, or it is open-ended): it is a competing account of the whole, one incident
         whose low is their sum and whose high the larger of it and their highs' sum ("12" in a
         neighbourhood and "15" for the city: one incident, 12-15; "at least 10" for the city over 12 and
         3 in two neighbourhoods: 15);
       * else joins the one incident beneath it that it is compatible with (ranges meeting within the
         tolerance; when several are, the largest): that incident keeps its low and its
         high becomes the larger of the two; when it is compatible with none, it joins the nearest all
         the same, as a disputed range (never counted apart: it may be one of them told differently).
     On 2016-10-05 "19" told for Aleppo governorate, "69" in Menbij and "at least 15" in Aleppo city:
     19 is below 84, compatible with "at least 15" and joins it: 84 (69 + 15), high 88 (69 + 19).
   A figure told for a place thus never lowers the sum beneath it and adds to the low only when nothing
   was told beneath it that day, which is why a place table's rows plus a row "told for the place as a
   whole" add up to the place's own figure (rule 8). `Incident.joins` says, for provenance, how each
   containing place's figure was joined.
4. Subgroups (children, women) are incidents of their own group, shown under the people/civilians
   incident of the same day and place, and never added to any total. Where sums are made (timeline,
   headline, place summaries) the groups of one place and day count once, as
   max(people, civilians + combatants) for low and for high. Families are never converted to people:
   figures in families form their own series ("displaced_families"). The headline also says, for killed
   and injured, how many were civilians and how many combatants where reports say (`HeadlineFigure.groups`:
   each group's figures joined on their own by rule 3).
5. Reported totals (cumulative=True, every kind but trapped) are claims, not events: a series of their
   own dated by the report (publication date, else the figure's date), with their "since" as written,
   never summed with incidents nor with each other.
6. Trapped and besieged populations (kind trapped, cumulative or not): per place, the latest estimate
   (latest day; on one day the lowest lower bound), with the range of all estimates of that place
   within the 30 days up to it and their sources. Where places are summed, an estimate for a place
   stands for its sub-places (the smaller of it and their sum, as for incidents).
7. Conditions: per place and sector, the worst severity reported each day. A reported condition stands
   for 7 days (the day it was reported and the six after) unless a later report for that place and
   sector replaces it, better or worse; after that the place shows as "not reported" (severity None),
   never as fine. A place's severity on a day is the worst standing severity among it and its
   sub-places.
8. Place summaries (one row per admin2 district, or per child of a given place) count in each row the
   incidents at or inside that row's place, by rule 3 over those figures alone. What was told for the
   place itself or above the rows' level (a governorate, the country, no place) cannot be shared out:
   `PlaceSummary.above` is what it adds to the rows, the place's own figure (the card) less the rows'
   sum, so that rows + above = card, for lows and highs. Rule 3 makes it never negative for incidents;
   trapped estimates (rule 6, where a coarse estimate may be smaller than its sub-places' sum) can give
   a negative difference, shown as it is.

9. Stored daily totals (dashboard.models.DayTotal). The incident sums of rules 3-4 are also kept per
   series, day and place, for every place down to a sub-district (and for the figures without a place):
   for place P and day D, what the incidents at P and inside it add up to (low, high, incidents), as
   _sums computes them over the figures narrowed to P. They are derived data, recomputed by
   `refresh_day_totals()` for the days marked stale: every write that can change a day's sums marks
   that day in its own transaction (reports/models.py: an indicator saved, deleted, created, updated or
   deleted in bulk, a report's date or duplicate status changed, a place moved in the gazetteer; they
   reach `stored.mark_days`, see README "Where the marking lives"), and
   every read of stored totals refreshes the stale days first, so they are never older than the figures.
   `timeline` and `place_summary`/`district_summary` read them when given an IndicatorFilter that starts
   from every indicator and narrows by no more than dates, kinds and a place down to a sub-district
   (for the place summaries: the summary's own place, rows down to a sub-district); a source, a review
   status, a text search or a narrower place is computed from the figures as before, because the
   totals count every counted figure. A place summary still reads from the figures what was told above
   its rows (the place itself; for the districts, the country, the governorates and the figures
   without a place), the trapped estimates and the conditions; those are few.
   The tests compare both ways on random data (tests/dashboard/test_day_totals.py).

Provenance: `provenance()` lists the figures (with quotes, reports, sources, review status) behind any
bar, point, district or headline number, selected by the same keys the summaries return.

What SQL does and what Python does: the database does the exact part, one grouped read per function,
per kind, group, unit, day and place: the smallest lower bound and the largest figure (and per sector,
place and day the worst severity). Joining places that contain each other is not a GROUP BY, so Python
does it over that narrow list (one small tuple per place and day; a year of the whole country is some
80,000). Figures without a place form one incident per kind, group and day. Two figures of one report
at the same place and day are read like two reports' (one incident, a range when they differ).
Dates are the stored `Indicator.day` (an index range, no join with reports); the timeline's one query
is a UNION ALL of the grouped incident rows and the one-row-each claims and trapped estimates, so
only the latter are joined to their reports and sources.

Queries, given a QuerySet: incidents, reported_totals, trapped_estimates, condition_days, timeline,
review_share, undated_count, provenance 1 each (provenance 2 given a P-code); headline 2; place_summary
and district_summary 3. Given an IndicatorFilter the FilterSet's own lookups come first (a P-code, a
source); from stored totals, timeline 3 (the claims and trapped estimates, the stale-day check, the
totals) and the place summaries 5 (the rows', the place's own and the stored totals in one read), plus the
refresh when days are stale.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import BigIntegerField, CharField, Count, DateField, F, Max, Min, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce

from reports.models import CONDITION_KINDS, Indicator, Place

from ..filters import IndicatorFilter
from ..models import DEEPEST
from .engine import (CONDITION_STANDS_DAYS, SUBGROUPS, SUMMED_GROUPS, TRAPPED_WINDOW_DAYS, _depth, _disagrees,
                     _join, _latest_estimates, _split, _standing, _sums, _trapped_sum, _Tree)
from .rows import OPEN_QUALIFIERS  # noqa: F401 (read by tests/extraction/daily_sums.py)
from .rows import (_CEILING, _FIGURE_FIELDS, _FLOOR, _HIGH, INCIDENT_KINDS, REVIEWED, _counted, _day_rows,
                   _place_paths, _plain_rows)
from .stored import _read, _stored, rebuild_day_totals, refresh_day_totals  # noqa: F401 (public)

@dataclass
class Figure:
    """One indicator as provenance: the words behind a number."""
    id: int
    kind: str
    group: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    unit: str
    cumulative: bool
    since: str
    severity: int | None
    date: datetime.date | None       # the day used (own date, else the report's)
    place_pcode: str
    place_name: str
    source: str                      # the cited source, else the report's publisher, else ""
    status: str
    reviewed: bool
    original_value: int | None       # what the machine read, when a reviewer corrected it
    quote: str
    report_id: int
    report_title: str
    report_url: str
    published_on: datetime.date | None


@dataclass
class Incident:
    kind: str
    group: str
    unit: str
    date: datetime.date
    place_pcode: str                 # the outermost place the incident was told at
    place_name: str
    low: int
    high: int
    disputed: bool
    sources: list[str]
    report_count: int
    figure_ids: list[int]
    reviewed_count: int              # how many of its figures are reviewed
    subgroups: list[Incident] = field(default_factory=list)  # children/women, never added to low/high
    joins: list[str] = field(default_factory=list)  # how figures told for containing places were joined


@dataclass
class ReportedTotal:
    kind: str
    group: str
    unit: str
    date: datetime.date              # the report's date
    value: int
    low: int | None
    high: int | None
    qualifier: str
    since: str
    place_pcode: str
    place_name: str
    source: str
    report_id: int
    figure_id: int
    reviewed: bool


@dataclass
class TrappedEstimate:
    place_pcode: str
    place_name: str
    date: datetime.date              # day of the latest estimate
    value: int                       # the latest estimate (its lower bound)
    range_low: int                   # lowest and highest estimate within TRAPPED_WINDOW_DAYS up to date
    range_high: int
    sources: list[str]
    figure_ids: list[int]


@dataclass
class ConditionDay:
    sector: str
    date: datetime.date
    severity: int | None             # None = not reported (never "fine")
    reported_on: datetime.date | None  # the day the standing report was made


@dataclass
class HeadlineFigure:
    kind: str                        # killed, injured, missing, displaced, displaced_families, trapped...
    low: int
    high: int
    sources: int                     # distinct sources behind it
    incidents: int                   # incidents (or places, for trapped) summed
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)  # killed/injured: civilians, combatants where told


@dataclass
class PlaceRow:
    pcode: str
    name: str
    parent_pcode: str                # the governorate for districts
    parent_name: str
    figures: dict[str, tuple[int, int]]          # kind -> (low, high), as in the headline
    conditions: dict[str, int | None]            # sector -> standing severity at as_of (None = not reported)
    worst: dict[str, int | None] = field(default_factory=dict)  # sector -> worst reported in the period


@dataclass
class PlaceSummary:
    rows: list[PlaceRow]
    above: dict[str, tuple[int, int]]  # kind -> (low, high) told for the place as a whole: total - rows (rule 8)
    as_of: datetime.date | None
    total: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (low, high): the card


@dataclass
class ReviewShare:
    shown: int
    reviewed: int
    verified: int
    corrected: int

    @property
    def share(self):
        return self.reviewed / self.shown if self.shown else 0.0


def _figure(row):
    original = row["original"] or {}
    return Figure(
        id=row["id"], kind=row["kind"], group=row["group"], value=row["value"], low=row["low"],
        high=row["high"], qualifier=row["qualifier"], unit=row["unit"], cumulative=row["cumulative"],
        since=row["since"], severity=row["severity"], date=row["day"],
        place_pcode=row["place__pcode"] or "", place_name=row["place__name_en"] or "",
        source=_source(row), status=row["status"], reviewed=row["status"] in REVIEWED,
        original_value=original.get("value") if row["status"] == Indicator.Status.CORRECTED else None,
        quote=row["quote"], report_id=row["report_id"], report_title=row["report__title"],
        report_url=row["report__url"], published_on=row["report__published_on"],
    )


def _source(row):
    return row["source__name"] or row["report__publisher__name"] or ""


def incidents(indicators) -> list[Incident]:
    """The incidents the figures describe (rule 3), subgroups nested (rule 4), by date then place."""
    indicators = _read(indicators)[0]
    rows = (
        _counted(indicators).incidents()
        .filter(day__isnull=False)
        # What an incident shows; the quotes are for provenance().
        .values("id", "kind", "group", "unit", "value", "low", "high", "qualifier", "status", "day",
                "place__pcode", "place__name_en", "place__path", "source__name", "report__publisher__name",
                "report_id", floor=_FLOOR, ceiling=_CEILING)
    )
    grouped = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[(row["kind"], row["group"], row["unit"], row["day"])][row["place__path"] or ""].append(row)
    totals, subgroups = [], []
    for (kind, group, unit, day), places in grouped.items():
        nodes = {}
        for path, figures in places.items():
            floors = [f["floor"] for f in figures if f["floor"] is not None]
            ceilings = [f["ceiling"] for f in figures if f["ceiling"] is not None]
            ceiling = min(ceilings, default=None)
            nodes[path] = (min(floors, default=None), ceiling,
                           max(f["high"] if f["high"] is not None else f["value"] for f in figures),
                           _disagrees(max(floors, default=None), ceiling))
        for tree in _join(nodes):
            figures = [f for path in tree.paths for f in places[path]]
            first = places[tree.path][0]
            incident = Incident(
                kind=kind, group=group, unit=unit, date=day, place_pcode=first["place__pcode"] or "",
                place_name=first["place__name_en"] or "", low=tree.low, high=tree.high,
                disputed=tree.disputed, sources=sorted({_source(f) for f in figures if _source(f)}),
                report_count=len({f["report_id"] for f in figures}),
                figure_ids=sorted(f["id"] for f in figures),
                reviewed_count=sum(f["status"] in REVIEWED for f in figures),
                joins=[_explain(how, places[coarse], places.get(joined), nodes)
                       for coarse, joined, how in tree.joins],
            )
            tree = _Tree(tree.path, tree.low, tree.high, tree.disputed, tree.paths)
            (subgroups if group in SUBGROUPS else totals).append((incident, tree))
    # A subgroup goes under the people (else civilians) incident whose places hold its place.
    homes = defaultdict(list)
    for incident, tree in totals:
        homes[(incident.kind, incident.unit, incident.date)].append((incident, tree))
    loose = []
    for incident, tree in subgroups:
        candidates = [
            (home.group != "people", home.place_pcode, home)
            for home, home_tree in homes.get((incident.kind, incident.unit, incident.date), ())
            if home.group != "combatants" and any(
                tree.path == p or tree.path.startswith(p + "/") or p.startswith(tree.path + "/")
                for p in home_tree.paths)
        ]
        if candidates:
            min(candidates, key=lambda c: c[:2])[2].subgroups.append(incident)
        else:
            loose.append(incident)
    result = [incident for incident, _ in totals] + loose
    result.sort(key=lambda i: (i.date, i.kind, i.place_pcode, i.group, i.unit))
    return result


def _explain(how, coarse, joined, nodes):
    """One sentence of provenance: how the figures told for a containing place were joined."""
    first = coarse[0]
    floor, ceiling, high, _disputed = nodes[first["place__path"] or ""]
    where = f"{first['place__name_en'] or 'no place'} ({first['place__pcode'] or '-'})"
    told = f"{'at least ' if ceiling is None and floor else ''}{_span(floor, high)} told for {where}"
    if how == "same":
        inside = f" at {joined[0]['place__name_en']} ({joined[0]['place__pcode']})" if joined else ""
        return (f"{told}: not below the incident told inside it{inside}, one incident counted once "
                "(the low stays that incident's)")
    if how == "covers":
        return (f"{told}: covers the incidents told inside it (not below their sum), "
                "one account of the whole; the low stays their sum")
    place = f"{joined[0]['place__name_en']} ({joined[0]['place__pcode']})" if joined else "a place inside it"
    if how == "matches":
        return (f"{told}: below the sum of the incidents inside it, so not an account of the whole; "
                f"compatible with the incident at {place}, joined to it (not counted apart)")
    return (f"{told}: below the sum of the incidents inside it and compatible with none; joined to the "
            f"nearest, at {place}, as a disputed range (not counted apart, its low kept)")


def _span(low, high):
    low = low or 0
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


# --- reported totals (rule 5) and trapped populations (rule 6) ----------------------------------------

def reported_totals(indicators) -> list[ReportedTotal]:
    """The cumulative claims (rule 5), by report date."""
    indicators = _read(indicators)[0]
    rows = (
        _counted(indicators)
        .filter(kind__in=INCIDENT_KINDS, cumulative=True)
        .annotate(claimed_on=Coalesce("report__published_on", "date"))
        .filter(claimed_on__isnull=False)
        # Only what a total shows: the quotes are for provenance().
        .values("id", "kind", "group", "unit", "value", "low", "high", "qualifier", "since", "status",
                "place__pcode", "place__name_en", "source__name", "report__publisher__name", "report_id",
                "claimed_on")
        .order_by("claimed_on", "report_id", "id")
    )
    return [
        ReportedTotal(
            kind=row["kind"], group=row["group"], unit=row["unit"], date=row["claimed_on"], value=row["value"],
            low=row["low"], high=row["high"], qualifier=row["qualifier"], since=row["since"],
            place_pcode=row["place__pcode"] or "", place_name=row["place__name_en"] or "", source=_source(row),
            report_id=row["report_id"], figure_id=row["id"], reviewed=row["status"] in REVIEWED,
        )
        for row in rows
    ]


def _trapped_rows(indicators):
    return _plain_rows(
        _counted(indicators)
        .filter(kind=Indicator.Kind.TRAPPED, day__isnull=False, unit=Indicator.Unit.PEOPLE)
        .annotate(floor=_FLOOR)
        .values_list("id", "day", "place__path", "place__pcode", "place__name_en", "value", "low", "high",
                     "qualifier", "source__name", "report__publisher__name", "floor")
        .order_by("day", "id"),
        dates=(1,),
    )


def _trapped(rows):
    """{path: TrappedEstimate} from _trapped_rows. "Up to" estimates give the range's top and lower
    nothing: the value is the lowest lower bound of the latest day that states one (0 when none does)."""
    by_place = defaultdict(list)
    for row in rows:
        by_place[row[2] or ""].append(row)
    result = {}
    for path, estimates in by_place.items():
        latest_day = estimates[-1][1]
        window = [r for r in estimates if (latest_day - r[1]).days < TRAPPED_WINDOW_DAYS]
        floors = {r[0]: r[11] for r in window}
        floored = [r for r in window if floors[r[0]] is not None]
        latest = [r for r in floored if r[1] == floored[-1][1]] if floored else []
        result[path] = TrappedEstimate(
            place_pcode=window[-1][3] or "", place_name=window[-1][4] or "", date=latest_day,
            value=min((floors[r[0]] for r in latest), default=0),
            range_low=min((f for f in floors.values() if f is not None), default=0),
            range_high=max(r[7] if r[7] is not None else r[5] for r in window),
            sources=sorted({r[9] or r[10] for r in window if r[9] or r[10]}),
            figure_ids=[r[0] for r in window],
        )
    return result


def trapped_estimates(indicators) -> list[TrappedEstimate]:
    """Latest trapped/besieged estimate per place with the range around it (rule 6)."""
    indicators = _read(indicators)[0]
    return sorted(_trapped(_trapped_rows(indicators)).values(), key=lambda e: (e.place_pcode, e.date))


# --- conditions (rule 7) --------------------------------------------------------------------------------

def _condition_rows(indicators, start, end):
    """Worst severity per sector, place and day from start - 6 days to end."""
    return _plain_rows(
        _counted(indicators).conditions()
        .between(start - datetime.timedelta(days=CONDITION_STANDS_DAYS - 1), end)
        .values_list("kind", "place__path", "day")
        .annotate(worst=Max("severity")),
        dates=(2,),
    )


def condition_days(indicators, *, start, end) -> dict[str, list[ConditionDay]]:
    """Per sector, one ConditionDay for each day from start to end inclusive (rule 7), over all the
    places in `indicators` (pass a place-narrowed QuerySet for one place's strip). Conditions reported
    up to 6 days before `start` are read so that they can still stand on `start`."""
    indicators = _read(indicators)[0]
    length = (end - start).days + 1
    strips = {sector: [None] * length for sector in CONDITION_KINDS}
    for (sector, _path), reports in _standing(_condition_rows(indicators, start, end)).items():
        strip = strips[sector]
        for i, (day, severity) in enumerate(reports):
            stop = day + datetime.timedelta(days=CONDITION_STANDS_DAYS)
            if i + 1 < len(reports):
                stop = min(stop, reports[i + 1][0])  # a later report replaces it, better or worse
            first, last = max((day - start).days, 0), min((stop - start).days, length)
            for d in range(first, last):
                if strip[d] is None or severity > strip[d][0]:
                    strip[d] = (severity, day)
    return {
        sector: [
            ConditionDay(sector, start + datetime.timedelta(days=d), *(state if state else (None, None)))
            for d, state in enumerate(strip)
        ]
        for sector, strip in strips.items()
    }


# --- sums -------------------------------------------------------------------------------------------------

def headline(indicators) -> dict[str, HeadlineFigure]:
    """Per series (kind, or "<kind>_families"), the sum of incident lows and highs (rules 3-4); trapped
    as the sum of the latest estimates (rule 6); and the number of distinct sources behind each."""
    indicators = _read(indicators)[0]
    sums = defaultdict(lambda: [0, 0, 0])
    rows = _day_rows(indicators, by_source=True)
    data = _split(rows)
    for (series, _day), _path, low, high in _sums(data.incidents):
        total = sums[series]
        total[0] += low
        total[1] += high
        total[2] += 1
    result = {
        series: HeadlineFigure(series, low, high, len(data.sources.get(series, ())), n)
        for series, (low, high, n) in sums.items()
    }
    # How many of them were civilians and combatants, where reports say (each group joined on its own).
    for group in ("civilians", "combatants"):
        for (series, _day), _path, low, high in _sums(_split([row for row in rows if row[1] == group]).incidents):
            if series in ("killed", "injured") and series in result:
                told = result[series].groups.get(group, (0, 0))
                result[series].groups[group] = (told[0] + low, told[1] + high)
    estimates = _trapped(_trapped_rows(indicators))
    if estimates:
        # An estimate of 0 with no lower bound anywhere in its window was "up to" alone: it lowers nothing.
        trapped = _trapped_sum({path: (e.date, e.value if e.value or e.range_low else None, e.range_high)
                                for path, e in estimates.items()})
        result["trapped"] = HeadlineFigure(
            "trapped", sum(low for low, _ in trapped.values()), sum(high for _, high in trapped.values()),
            len({s for e in estimates.values() for s in e.sources}), len(trapped),
        )
    return result


def timeline(indicators) -> dict:
    """The series for the charts:
    {"incidents": {series: [{"date", "low", "high", "incidents"}, ...] by date},
     "totals": [ReportedTotal as a dict, ...] by report date,
     "trapped": [{"date", "place_pcode", "place_name", "value", "high", "source", "figure_id"}, ...] by date}.
    Series are kinds ("killed") or "<kind>_families"; days without incidents are absent. Given an
    IndicatorFilter that stored totals can answer (rule 9), the incidents are read from them."""
    indicators, window = _read(indicators)
    incident_rows, totals, trapped = [], [], []
    for row in _timeline_rows(indicators, incidents=window is None):
        (kind, group, unit, day, place_id, single, path, floor, ceiling, high, claimed_on, value, raw_high, low,
         qualifier, since, status, pcode, name, source, publisher, report_id) = row
        if single is None:
            incident_rows.append((kind, group, unit, day, place_id, None, path, floor, ceiling, high, None))
        elif kind == Indicator.Kind.TRAPPED:
            trapped.append({"date": day, "place_pcode": pcode or "", "place_name": name or "", "value": floor,
                            "high": high, "source": source or publisher or "", "figure_id": single})
        else:
            totals.append({
                "kind": kind, "group": group, "unit": unit, "date": claimed_on, "value": value, "low": low,
                "high": raw_high, "qualifier": qualifier, "since": since, "place_pcode": pcode or "",
                "place_name": name or "", "source": source or publisher or "", "report_id": report_id,
                "figure_id": single, "reviewed": status in REVIEWED,
            })
    days = defaultdict(lambda: [0, 0, 0])
    for (series, day), _path, low, high in _sums(_split(incident_rows).incidents):
        total = days[(series, day)]
        total[0] += low
        total[1] += high
        total[2] += 1
    if window is not None:
        scope = {"scope": window.place.path} if window.place else {"depth__in": (-1, 0)}
        stored = _stored(window, **scope).values_list("series", "day").annotate(Sum("low"), Sum("high"),
                                                                               Sum("incidents"))
        for name, day, low, high, count in stored:
            days[(name, day)] = [low, high, count]
    series = defaultdict(list)
    for (name, day), (low, high, n) in sorted(days.items()):
        series[name].append({"date": day, "low": low, "high": high, "incidents": n})
    totals.sort(key=lambda t: (t["date"], t["report_id"], t["figure_id"]))
    trapped.sort(key=lambda t: (t["date"], t["figure_id"]))
    return {"incidents": dict(series), "totals": totals, "trapped": trapped}


def _timeline_rows(indicators, *, incidents=True):
    """One query for the timeline, two parts joined by UNION ALL: incident figures grouped per kind,
    group, unit, day and place (as _day_rows: narrow rows, no report or source columns), and the
    cumulative claims and trapped estimates one row each with what they show (`single` is their id;
    None for the incident rows, whose detail columns are None). incidents=False: the second part only."""
    none = {name: Cast(Value(None), output_field=field) for name, field in (
        ("single", BigIntegerField()), ("claimed", DateField()), ("one_value", BigIntegerField()),
        ("one_high", BigIntegerField()), ("one_low", BigIntegerField()), ("one_qualifier", CharField()),
        ("one_since", CharField()), ("one_status", CharField()), ("pcode", CharField()), ("name", CharField()),
        ("source_name", CharField()), ("publisher", CharField()), ("report_key", BigIntegerField()))}
    grouped = (
        _counted(indicators).incidents()
        .filter(group__in=SUMMED_GROUPS, day__isnull=False)
        .values_list("kind", "group", "unit", "day", "place_id")
        .annotate(single=none["single"], path=Max("place__path"), floor=Min(_FLOOR), ceiling=Min(_CEILING),
                  high_max=Max(_HIGH),
                  **{name: value for name, value in none.items() if name != "single"})
    )
    columns = ("kind", "group", "unit", "day", "place_id", "single", "path", "floor", "ceiling", "high_max", "claimed",
               "one_value", "one_high", "one_low", "one_qualifier", "one_since", "one_status", "pcode", "name",
               "source_name", "publisher", "report_key")
    singles = (
        _counted(indicators)
        .annotate(claimed=Coalesce("report__published_on", "date"))
        .filter(Q(kind__in=INCIDENT_KINDS, cumulative=True, claimed__isnull=False)
                | Q(kind=Indicator.Kind.TRAPPED, unit=Indicator.Unit.PEOPLE, day__isnull=False))
        .annotate(single=F("id"), path=F("place__path"), floor=_FLOOR, ceiling=_CEILING, high_max=_HIGH,
                  one_value=F("value"),
                  one_high=F("high"), one_low=F("low"), one_qualifier=F("qualifier"), one_since=F("since"),
                  one_status=F("status"), pcode=F("place__pcode"), name=F("place__name_en"),
                  source_name=F("source__name"), publisher=F("report__publisher__name"), report_key=F("report_id"))
        .values_list(*columns)
    )
    both = grouped.union(singles, all=True) if incidents else singles
    return _plain_rows(both.order_by(), dates=(3, 10))


def place_summary(indicators, *, place=None, as_of=None, within=None) -> PlaceSummary:
    """One row per child of `place` (per admin2 district when None), every child listed even when
    empty: figures as in `headline` (rule 8) and the standing severity per sector at `as_of` (default:
    the latest day any condition in `indicators` was reported). Given an IndicatorFilter that stored
    totals can answer (rule 9) for rows down to a sub-district, the rows' incidents are read from them.
    `within` (with place None): only the districts at, inside or around that place (the filter's place)."""
    indicators, window = _read(indicators)
    depth = _depth(place.path) + 1 if place is not None else 2
    if window is not None and (depth > DEEPEST or window.place != (place or within)
                               or (within is not None and _depth(within.path) > 2)):
        window = None  # stored totals are per place down to DEEPEST, for a filter on the summary's place
    with _collector_paused():
        return _place_summary(indicators, place=place, as_of=as_of, window=window, within=within)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a summary reads and sums its rows.

    A year of the whole country is some 76,000 row tuples from the database and as many small tuples
    made from them, none of them in a cycle; yet every 2,000 new objects start a collection pass, and
    now and then a full pass over every object of the process. Measured on the bench (all-districts
    summary, one year): some 60 ms of 500 spent collecting nothing. The collector runs again on exit
    and catches up then (its counts are kept)."""
    if not gc.isenabled():  # already paused (by a caller, or another thread's summary)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _place_summary(indicators, *, place, as_of, window, within=None):
    if place is None:
        children = Place.objects.filter(level=Place.Level.ADMIN2).order_by("admin1_pcode", "name_en")
        if within is not None and _depth(within.path) > 2:  # the district around a finer place
            children = children.filter(path="/".join(within.path.split("/")[:3]))
        elif within is not None and _depth(within.path) > 0:
            children = children.filter(Q(path=within.path) | Q(path__startswith=within.path + "/"))
        depth, inside = 2, ""
    else:
        children = Place.objects.filter(parent=place).order_by("name_en")
        depth, inside = _depth(place.path) + 1, place.path + "/"
    children = list(children.values_list("pcode", "name_en", "parent__pcode", "parent__name_en", "path"))
    row_of = {path: pcode for pcode, _n, _pp, _pn, path in children}
    rows_of_paths = {}

    def row_for(path):
        """The row's P-code for a place at or below the rows' level, else None (cached: few places)."""
        if path not in rows_of_paths:
            rows_of_paths[path] = (row_of.get("/".join(path.split("/")[:depth + 1]))
                                   if path.startswith(inside) and _depth(path) >= depth else None)
        return rows_of_paths[path]

    paths = _place_paths()

    class RowsOf(dict):
        """{place id: the row's P-code or None}, filled as places are met."""
        def __missing__(self, place_id):
            row = self[place_id] = row_for(paths.get(place_id) or "")
            return row

    # Without as_of, every day's conditions come along in the same read, to find the latest day.
    # Places under different rows never contain each other: incidents are joined row by row (mostly
    # one place a day, the quick case), and over the whole scope for the place's own figure (rule 8).
    # With stored totals (window), the incidents come from them (the rows' and the scope's), and the
    # day of the latest condition is asked for first.
    # Every condition of the period comes along: the worst per row over the whole period, and what
    # stands at as_of (default: the latest day a condition was reported).
    data = _split(_day_rows(indicators, trapped=True, conditions=True, with_path=False,
                            incidents_at=False if window is not None else None), paths, RowsOf())
    worst = defaultdict(dict)
    for sector, path, _day, severity in data.conditions:
        pcode = row_for(path)
        if pcode and severity and severity > (worst[pcode].get(sector) or 0):
            worst[pcode][sector] = severity
    if as_of is None:
        as_of = max((day for _sector, _path, day, _worst in data.conditions), default=None)
    first = as_of - datetime.timedelta(days=CONDITION_STANDS_DAYS - 1) if as_of else None
    recent = [c for c in data.conditions if first <= c[2] <= as_of] if as_of else []
    figures = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    whole = defaultdict(lambda: [0, 0])
    if window is None:
        scope = defaultdict(dict)
        for (series, day, pcode), nodes in data.incidents.items():
            scope[(series, day)].update(nodes)
            if pcode:
                for (series, _day, _row), _path, low, high in _sums({(series, day, pcode): nodes}):
                    total = figures[pcode][series]
                    total[0] += low
                    total[1] += high
        for (series, _day), _path, low, high in _sums(scope):
            total = whole[series]
            total[0] += low
            total[1] += high
    else:
        scope_place = place if place is not None else within
        own = Q(scope=scope_place.path) if scope_place is not None else Q(depth__in=(-1, 0))
        rows = Q(depth=depth, **({"scope__startswith": inside} if inside else {}))
        if place is None and within is not None and _depth(within.path) > 0:
            rows = Q(depth=depth, scope=within.path) | Q(depth=depth, scope__startswith=within.path + "/")
        stored = _stored(window).filter(own | rows).values_list("scope", "depth", "series").annotate(
            Sum("low"), Sum("high"))
        for scope, at_depth, series, low, high in stored:
            if scope == scope_place.path if scope_place is not None else at_depth in (-1, 0):
                total = whole[series]
                total[0] += low
                total[1] += high
            if at_depth == depth:
                total = figures[row_of.get(scope)][series]
                total[0] += low
                total[1] += high
        figures.pop(None, None)  # a place at the rows' depth that is no row: in the whole only
    latest = _latest_estimates(data.trapped)
    at_place = (lambda p: p == place.path or p.startswith(inside)) if place is not None else None
    for path, (low, high) in _trapped_sum(latest, keep=at_place).items():
        total = whole["trapped"]
        total[0] += low
        total[1] += high
    for path, (low, high) in _trapped_sum(latest, keep=lambda p: row_for(p) is not None).items():
        total = figures[row_for(path)]["trapped"]
        total[0] += low
        total[1] += high
    above = {}
    for series, (low, high) in whole.items():
        rows_low = sum(figures[pcode][series][0] for pcode in figures if series in figures[pcode])
        rows_high = sum(figures[pcode][series][1] for pcode in figures if series in figures[pcode])
        if (low, high) != (rows_low, rows_high):
            above[series] = (low - rows_low, high - rows_high)
    conditions = defaultdict(dict)
    for (sector, path), reports in _standing(recent).items():
        pcode = row_for(path)
        severity = reports[-1][1]  # the latest report within the last 7 days stands
        if pcode and severity > (conditions[pcode].get(sector) or 0):
            conditions[pcode][sector] = severity
    rows = [
        PlaceRow(pcode, name, parent_pcode or "", parent_name or "",
                 {series: tuple(v) for series, v in figures[pcode].items()},
                 {sector: conditions[pcode].get(sector) for sector in CONDITION_KINDS},
                 {sector: worst[pcode].get(sector) for sector in CONDITION_KINDS})
        for pcode, name, parent_pcode, parent_name, _path in children
    ]
    return PlaceSummary(rows, above, as_of, {series: tuple(v) for series, v in whole.items()})


def district_summary(indicators, *, as_of=None) -> PlaceSummary:
    """`place_summary` with one row per admin2 district, ordered by governorate then district; given an
    IndicatorFilter with a place, only the districts at, inside or around it."""
    within = None
    if isinstance(indicators, IndicatorFilter) and indicators.is_valid():
        within = indicators.form.cleaned_data.get("place")
    return place_summary(indicators, place=None, as_of=as_of, within=within)


# --- review and provenance --------------------------------------------------------------------------------

def review_share(indicators) -> ReviewShare:
    """How many of the counted, dated indicators are reviewed (verified or corrected)."""
    indicators = _read(indicators)[0]
    counts = _counted(indicators).filter(day__isnull=False).aggregate(
        shown=Count("id"),
        verified=Count("id", filter=Q(status=Indicator.Status.VERIFIED)),
        corrected=Count("id", filter=Q(status=Indicator.Status.CORRECTED)),
    )
    return ReviewShare(counts["shown"], counts["verified"] + counts["corrected"], counts["verified"],
                       counts["corrected"])


def undated_count(indicators) -> int:
    """Counted indicators left out of every series because neither they nor their report have a date."""
    indicators = _read(indicators)[0]
    return _counted(indicators).filter(day__isnull=True).count()


def _provenance_rows(indicators, *, kind=None, date=None, place=None, cumulative=None):
    """The rows of `provenance`, in its order (a query, not yet read)."""
    indicators = _read(indicators)[0]
    qs = _counted(indicators).annotate(claimed_on=Coalesce("report__published_on", "date"))
    if kind:
        if kind.endswith("_families"):
            qs = qs.filter(kind=kind.removesuffix("_families"), unit=Indicator.Unit.FAMILIES)
        elif kind in CONDITION_KINDS or kind == Indicator.Kind.TRAPPED:
            qs = qs.filter(kind=kind)
        else:
            qs = qs.filter(kind=kind).exclude(unit=Indicator.Unit.FAMILIES)
    if cumulative is not None:
        qs = qs.filter(cumulative=cumulative)
    if date is not None:
        qs = qs.filter(claimed_on=date) if cumulative else qs.filter(day=date)
    if place is not None:
        if not isinstance(place, Place):
            place = Place.objects.get(pcode=place)  # one more query when given a P-code
        qs = qs.in_place(place)
    return qs.values(*_FIGURE_FIELDS).order_by("day", "report_id", "start", "id")


def provenance(indicators, *, kind=None, date=None, place=None, cumulative=None, limit=500) -> list[Figure]:
    """The figures and conditions behind a number: filtered by kind (a kind, or "<kind>_families"),
    day (for cumulative figures the report's date, as in `reported_totals`), place (a Place, or a
    P-code at the cost of one more query; with its sub-places) and cumulative; counted ones only, by
    day then report, at most `limit` (`provenance_page` says how many there are in all)."""
    rows = _provenance_rows(indicators, kind=kind, date=date, place=place, cumulative=cumulative)
    return [_figure(row) for row in rows[:limit]]


PROVENANCE_PAGE = 100


def provenance_page(indicators, *, number=1, per_page=PROVENANCE_PAGE, **narrowing) -> dict:
    """One page of `provenance`'s figures and how many there are in all, as plain values (kept in the
    page cache): figures, total, number, pages, first and last (1-based positions of this page's figures).
    A page number out of range or not a number gives the nearest page (Django's Paginator.get_page)."""
    paginator = Paginator(_provenance_rows(indicators, **narrowing), per_page)
    page = paginator.get_page(number)
    return {"figures": [_figure(row) for row in page.object_list], "total": paginator.count,
            "number": page.number, "pages": paginator.num_pages,
            "first": page.start_index(), "last": page.end_index()}
