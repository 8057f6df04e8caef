"""Our own dev set of FA-KES articles annotated by the contract (tests/extraction/devset.jsonl,
conventions in DEVSET.md): its form, and the extractor's strict scores on it (issue 3's bars)."""

import datetime

import pytest

from tests.extraction import scoring
from tests.extraction.fakes import extract_all, read_devset, read_fakes, select_devset_rows

ENTRY_KEYS = {"row", "unit_id", "report_date", "figures", "conditions"}
FIGURE_KEYS = {"kind", "group", "value", "qualifier", "cumulative"}
CONDITION_KEYS = {"sector", "severity"}


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def devset():
    return read_devset()


def entry_problems(entry, rows):
    """Every way one annotation breaks the dev set's form, as readable strings."""
    problems = []
    if set(entry) != ENTRY_KEYS:
        return [f"keys {sorted(entry)} (expected {sorted(ENTRY_KEYS)}; no text or quotes)"]
    row = entry["row"]
    if not isinstance(row, int) or not 0 <= row < len(rows):
        return [f"row {row!r} is not a FA-KES data row"]
    if entry["unit_id"] != rows[row].unit_id:
        problems.append(f"unit_id {entry['unit_id']!r} but row {row} is {rows[row].unit_id!r}")
    if entry["report_date"] is not None:
        try:
            datetime.date.fromisoformat(entry["report_date"])
        except (TypeError, ValueError):
            problems.append(f"report_date {entry['report_date']!r} is not YYYY-MM-DD or null")
    keys = []
    for f in entry["figures"]:
        if set(f) != FIGURE_KEYS:
            problems.append(f"figure keys {sorted(f)}")
            continue
        if f["kind"] not in scoring.KINDS or f["group"] not in scoring.GROUPS:
            problems.append(f"figure kind/group {f['kind']}/{f['group']}")
        if not isinstance(f["value"], int) or isinstance(f["value"], bool) or f["value"] < 1:
            problems.append(f"figure value {f['value']!r}")
        if f["qualifier"] not in scoring.QUALIFIERS:
            problems.append(f"figure qualifier {f['qualifier']!r}")
        if not isinstance(f["cumulative"], bool):
            problems.append(f"figure cumulative {f['cumulative']!r}")
        keys.append((f["kind"], f["group"], f["value"]))
    if len(keys) != len(set(keys)):
        problems.append("the same kind, group and value twice (the contract makes it one figure)")
    sectors = []
    for c in entry["conditions"]:
        if set(c) != CONDITION_KEYS or c["sector"] not in scoring.SECTORS or c["severity"] not in scoring.SEVERITIES:
            problems.append(f"condition {c}")
        sectors.append(c.get("sector"))
    if len(sectors) != len(set(sectors)):
        problems.append("a sector twice (the contract records it once per report)")
    return [f"row {row}: {p}" for p in problems]


def test_devset_entries_are_well_formed_by_the_contract(rows, devset):
    problems = [p for entry in devset for p in entry_problems(entry, rows)]
    assert not problems, "\n".join(problems)


def test_devset_rows_are_distinct_and_chosen_by_the_selection_rule(rows, devset):
    chosen = [entry["row"] for entry in devset]
    assert len(chosen) == len(set(chosen)), "a row annotated twice"
    assert set(chosen) <= set(select_devset_rows(rows)), "rows outside the documented selection rule"


def test_devset_holds_at_least_60_articles(devset):
    assert len(devset) >= 60, f"{len(devset)} articles annotated"


@pytest.fixture(scope="module")
def scores(rows, devset):
    outcomes = extract_all([rows[entry["row"]] for entry in devset])
    figures = conditions = scoring.Score()
    for entry in devset:
        got = outcomes[entry["row"]][0] or {}
        figures += scoring.figure_score(entry["figures"], got.get("figures", []))
        conditions += scoring.condition_score(entry["conditions"], got.get("conditions", []))
    return figures, conditions


def test_strict_figure_f1_on_the_devset_is_at_least_095(devset, scores):
    figures, _ = scores
    assert len(devset) >= 60 and figures.f1 >= 0.95, (
        f"figure F1 {figures.f1:.3f} (P {figures.precision:.3f}, R {figures.recall:.3f}) over {len(devset)} articles")


def test_condition_f1_on_the_devset_is_at_least_085(devset, scores):
    _, conditions = scores
    assert len(devset) >= 60 and conditions.f1 >= 0.85, (
        f"condition F1 {conditions.f1:.3f} (P {conditions.precision:.3f}, R {conditions.recall:.3f}) "
        f"over {len(devset)} articles")


# The scorer itself, on hand-made figures: the dev-set bars mean nothing if it counts wrongly.

def fig(kind, group, value, qualifier="exact"):
    return {"kind": kind, "group": group, "value": value, "qualifier": qualifier, "cumulative": False}


def test_figure_score_ignores_qualifier_but_not_group():
    score = scoring.figure_score([fig("killed", "people", 12, "at_least")],
                                 [fig("killed", "people", 12), fig("killed", "civilians", 12)])
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_figure_score_counts_a_repeated_figure_as_a_false_positive():
    score = scoring.figure_score([fig("killed", "children", 3)], [fig("killed", "children", 3)] * 2)
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_condition_score_on_sector_ignores_severity_unless_asked():
    expected, got = [{"sector": "water", "severity": 4}], [{"sector": "water", "severity": 3}]
    assert scoring.condition_score(expected, got).f1 == 1.0
    assert scoring.condition_score(expected, got, with_severity=True).f1 == 0.0
