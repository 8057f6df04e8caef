"""One honest series per place out of many reports.

Every public function takes an `Indicator` QuerySet already narrowed by the page's `IndicatorFilter`
(dates, place with sub-places, kind, source, status, q) and returns plain data (dataclasses of dates,
ints, strings and lists: `dataclasses.asdict` gives what Chart.js, templates and CSV need). Each runs a
fixed number of queries whatever the data size.

The rules, as the code applies them:

1. Review first. Only `Indicator.objects.counted()` is used: rejected indicators and indicators of
   confirmed-duplicate reports are left out. A corrected indicator's row already holds the corrected
   value (the machine's reading is kept in `Indicator.original`), so corrections win by construction.
   Verified and corrected indicators are "reviewed"; `review_share` says how much of what is shown is.
2. The day of a figure or condition is its own date, else its report's publication date (as the filters
   do). Figures and conditions with neither are left out of every series and counted by
   `undated_count`, so the page can say so.
3. Incidents (figures with cumulative=False, every kind but trapped). Figures of one kind, group and
   unit on the same day whose places are the same or contain each other (`Place.path` prefix:
   neighbourhood -> named area -> community -> admin3 -> admin2 -> admin1 -> country) form one incident,
   whichever and however many reports tell it. Per place, the figures there are one "account";
   the sum of the incidents in the place's sub-places is another. An incident's
     - low (the conservative figure) is the largest lower bound every account supports: the smallest of
       the accounts' lower bounds. A figure's lower bound is its `low` when set, else its value; "up to"
       figures state no lower bound (an incident told only in "up to" figures has low 0). Vague amounts
       already carry conservative values (dozens 24, hundreds 200...).
     - high is the largest figure any account gives (`high` when set, else the value).
     So "at least 12" (SOHR) and "15" (civil defence) are one incident, low 12, high 15, two sources;
     "12" in a neighbourhood and "15" for the city that day are one incident, counted once.
   Figures are compatible when their ranges meet within a tolerance of 10% (at least 1): "at least 12"
   and 15 are; 12 and 30 are not. Incompatible figures are NOT split into separate incidents (that would
   double count one strike told twice): they stay one incident shown as a range (low 12, high 30) and
   marked `disputed`.
4. Subgroups (children, women) are incidents of their own group, shown under the people/civilians
   incident of the same day and place, and never added to any total. Where sums are made (timeline,
   headline, place summaries) the groups of one place and day count once, as
   max(people, civilians + combatants) for low and for high. Families are never converted to people:
   figures in families form their own series ("displaced_families").
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
8. Place summaries (one row per admin2 district, or per child of a given place) only count incidents
   at or below that row's place; figures told at a coarser level (a governorate, the country) cannot
   be shared out and are reported apart (`PlaceSummary.above`).

Provenance: `provenance()` lists the figures (with quotes, reports, sources, review status) behind any
bar, point, district or headline number, selected by the same keys the summaries return.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from reports.models import Indicator  # noqa: F401  (the QuerySets passed in are Indicator QuerySets)

TOLERANCE = 0.10  # relative tolerance under which two figures still agree (at least 1 person)
CONDITION_STANDS_DAYS = 7
TRAPPED_WINDOW_DAYS = 30
SUMMED_GROUPS = ("people", "civilians", "combatants")
SUBGROUPS = ("children", "women")


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


@dataclass
class PlaceRow:
    pcode: str
    name: str
    parent_pcode: str                # the governorate for districts
    parent_name: str
    figures: dict[str, tuple[int, int]]          # kind -> (low, high), as in the headline
    conditions: dict[str, int | None]            # sector -> standing severity at as_of (None = not reported)


@dataclass
class PlaceSummary:
    rows: list[PlaceRow]
    above: dict[str, tuple[int, int]]  # kind -> (low, high) told above the rows' level, not shared out
    as_of: datetime.date | None


@dataclass
class ReviewShare:
    shown: int
    reviewed: int
    verified: int
    corrected: int

    @property
    def share(self):
        return self.reviewed / self.shown if self.shown else 0.0


def incidents(indicators) -> list[Incident]:
    """The incidents the figures describe (rule 3), subgroups nested (rule 4), by date then place."""
    raise NotImplementedError


def reported_totals(indicators) -> list[ReportedTotal]:
    """The cumulative claims (rule 5), by report date."""
    raise NotImplementedError


def trapped_estimates(indicators) -> list[TrappedEstimate]:
    """Latest trapped/besieged estimate per place with the range around it (rule 6)."""
    raise NotImplementedError


def condition_days(indicators, *, start, end) -> dict[str, list[ConditionDay]]:
    """Per sector, one ConditionDay for each day from start to end inclusive (rule 7), over all the
    places in `indicators` (pass a place-narrowed QuerySet for one place's strip). Conditions reported
    up to 6 days before `start` are read so that they can still stand on `start`."""
    raise NotImplementedError


def headline(indicators) -> dict[str, HeadlineFigure]:
    """Per kind, the sum of incident lows and highs (rules 3-4), trapped as the sum of the latest
    estimates (rule 6), and the number of distinct sources."""
    raise NotImplementedError


def timeline(indicators) -> dict:
    """The series for the charts: {"incidents": {series: [{"date", "low", "high", "incidents"}]},
    "totals": [ReportedTotal as dict...], "trapped": [{"date", "place_pcode", "value", "low", "high",
    "source", "figure_id"}]}. Series are kinds ("killed") or "<kind>_families"; days without incidents
    are absent."""
    raise NotImplementedError


def place_summary(indicators, *, place=None, as_of=None) -> PlaceSummary:
    """One row per child of `place` (per admin2 district when None), every child listed even when
    empty: figures as in `headline` (rule 8) and the standing severity per sector at `as_of` (default:
    the latest day any condition in `indicators` was reported)."""
    raise NotImplementedError


def district_summary(indicators, *, as_of=None) -> PlaceSummary:
    """`place_summary` with one row per admin2 district, ordered by governorate then district."""
    return place_summary(indicators, place=None, as_of=as_of)


def review_share(indicators) -> ReviewShare:
    """How many of the counted, dated indicators are reviewed (verified or corrected)."""
    raise NotImplementedError


def undated_count(indicators) -> int:
    """Counted indicators left out of every series because neither they nor their report have a date."""
    raise NotImplementedError


def provenance(indicators, *, kind=None, date=None, place=None, cumulative=None, limit=500) -> list[Figure]:
    """The figures and conditions behind a number: filtered by kind (a kind, or "<kind>_families"),
    day, place (a Place or P-code, with its sub-places) and cumulative, counted ones only, dated
    first by day then report."""
    raise NotImplementedError
