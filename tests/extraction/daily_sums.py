"""What the dashboard adds up from figures, computed outside the database by dashboard.summaries' own rules.

The held-out measure "daily killed per report" (issue 11) and tests/bench/eval_corpus_totals.py need the
incident sums the dashboard would show for a set of figures - an annotation's or the extractor's output -
without storing them. The rows given here are the ones `summaries._day_rows` reads from the database (per
figure: kind, group, unit, day, place path, lower bound, highest figure; incident kinds, cumulative false,
the summed groups people/civilians/combatants only), and they are combined by `summaries._split` and
`summaries._sums` themselves, so the rules cannot drift apart: figures of one kind and day at places that
contain each other are one incident (low: the smallest lower bound any account gives), the groups of one
place and day count once as max(people, civilians + combatants), children and women are never added,
running totals never summed. tests/extraction/test_daily_sums.py checks the result against
`summaries.headline` over the same figures stored in the database.

Needs Django's settings (dashboard.summaries imports the models); no query is made.
"""

import datetime

from tests.extraction.heldout import gazetteer_parents


def place_paths():
    """{P-code: path} as `Place.path` spells it ("SY/SY02/SY0200/SY020000/C1007"), for every place of the
    gazetteer and the named areas."""
    parents = gazetteer_parents()
    paths = {}

    def path(code):
        if code not in paths:
            parent = parents[code]
            paths[code] = code if parent is None else f"{path(parent)}/{code}"
        return paths[code]

    for code in parents:
        path(code)
    return paths


def _day(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _pcode(place):
    """A figure's P-code: the extractor gives {"pcode": ...}, an annotation the P-code itself."""
    if isinstance(place, dict):
        return place.get("pcode")
    return place


def figure_rows(figures, report_date, paths):
    """The rows `summaries._split` reads, one per incident figure of one report: the day is the figure's
    date, else the report's (undated figures are left out, as the summaries leave them out). A P-code the
    gazetteer does not know counts as no place. `low`/`high` are the figure's when it has them (the
    extractor's output), else what its value and qualifier give (an annotation): "up to" states no lower
    bound."""
    from dashboard.summaries import INCIDENT_KINDS, OPEN_QUALIFIERS, SUMMED_GROUPS

    rows = []
    for f in figures:
        if f["kind"] not in INCIDENT_KINDS or f.get("cumulative") or f["group"] not in SUMMED_GROUPS:
            continue
        day = _day(f.get("date")) or _day(report_date)
        if day is None:
            continue
        value, low, high = f["value"], f.get("low"), f.get("high")
        floor = low if f.get("qualifier") == "up_to" else (low if low is not None else value)
        # the most the figure allows (summaries' _CEILING): open-ended qualifiers allow anything
        ceiling = high if high is not None else (None if f.get("qualifier") in OPEN_QUALIFIERS else value)
        rows.append((f["kind"], f["group"], f.get("unit") or "people", day, None, None,
                     paths.get(_pcode(f.get("place")), ""), floor, ceiling, high if high is not None else value,
                     None))
    return rows


def incident_sums(reports, paths):
    """{(series, day): [low, high]} summed over the incidents of every report in `reports`, an iterable of
    (report_date, figures); series is the kind, or "<kind>_families"."""
    from dashboard.summaries import _split, _sums

    rows = [row for report_date, figures in reports for row in figure_rows(figures, report_date, paths)]
    totals = {}
    for key, _path, low, high in _sums(_split(rows).incidents):
        total = totals.setdefault(key, [0, 0])
        total[0] += low
        total[1] += high
    return totals


def killed_on(report_date, figures, paths, *, day=None):
    """The conservative killed figure of one report as the dashboard sums it: on `day` (a date), or over
    every day of the report when day is None."""
    sums = incident_sums([(report_date, figures)], paths)
    return sum(low for (series, on), (low, _high) in sums.items() if series == "killed" and (day is None or on == day))
