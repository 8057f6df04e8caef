"""The extractor over the whole FA-KES corpus (804 real articles), held to issue 3's bars.

The agreement tests fail until the extractor is good enough: they are the bar, not a description.
Rules for each measure are in tests/extraction/scoring.py; `tests/bench/eval_fakes.py --show N` lists
the disagreements.
"""

import pytest

from tests.extraction import scoring
from tests.extraction.fakes import extract_all, read_fakes


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def outcomes(rows):
    return extract_all(rows)


def results(outcomes):
    return {row: result for row, (result, _) in outcomes.items()}


def test_no_row_raises(outcomes):
    failures = {row: error for row, (_, error) in outcomes.items() if error}
    assert not failures, f"{len(failures)} rows raised, first: {sorted(failures.items())[:3]}"


def test_every_quote_is_the_text_at_its_offsets(rows, outcomes):
    got = results(outcomes)
    wrong = []
    for r in rows:
        result = got[r.row] or {}
        for item in list(result.get("figures", [])) + list(result.get("conditions", [])):
            if r.text[item["start"]:item["end"]] != item["quote"]:
                wrong.append((r.row, item["quote"][:60], item["start"], item["end"]))
    assert not wrong, f"{len(wrong)} quotes differ from text[start:end], first: {wrong[:3]}"


def test_report_governorate_agrees_with_fakes_location_for_90_percent(rows, outcomes):
    got = results(outcomes)
    share, agreeing, counted = scoring.rate(scoring.governorate_agrees(r.location, got[r.row]) for r in rows)
    assert counted == len(rows), "every FA-KES location label maps to a governorate"
    assert share >= 0.90, f"governorate agrees for {agreeing}/{counted} = {share:.1%}"


def test_killed_civilians_agree_with_the_crowd_for_85_percent(rows, outcomes):
    got = results(outcomes)
    flags = [scoring.killed_agrees(r.crowd["nb_civilians"], got[r.row], scoring.CIVILIAN_GROUPS)
             for r in rows if r.crowd["nb_civilians"] > 0]
    share, agreeing, counted = scoring.rate(flags)
    assert share >= 0.85, f"nb_civilians agrees for {agreeing}/{counted} = {share:.1%}"


def test_killed_children_agree_with_the_crowd_for_75_percent(rows, outcomes):
    got = results(outcomes)
    flags = [scoring.killed_agrees(r.crowd["nb_children"], got[r.row], scoring.CHILD_GROUPS)
             for r in rows if r.crowd["nb_children"] > 0]
    share, agreeing, counted = scoring.rate(flags)
    assert share >= 0.75, f"nb_children agrees for {agreeing}/{counted} = {share:.1%}"


# The agreement rules themselves, on hand-made results.

def killed(group, value, cumulative=False):
    return {"kind": "killed", "group": group, "value": value, "cumulative": cumulative}


def test_damascus_label_agrees_with_rural_damascus():
    assert scoring.governorate_agrees("damascus", {"place": {"admin1": "SY03"}}) is True
    assert scoring.governorate_agrees("aleppo", {"place": {"admin1": "SY03"}}) is False
    assert scoring.governorate_agrees("syria", {"place": {"admin1": "SY03"}}) is None


def test_crowd_civilians_never_match_combatant_or_cumulative_figures():
    result = {"figures": [killed("combatants", 12), killed("people", 12, cumulative=True)]}
    assert not scoring.killed_agrees(12, result, scoring.CIVILIAN_GROUPS)
    assert scoring.killed_agrees(12, {"figures": [killed("people", 12)]}, scoring.CIVILIAN_GROUPS)


def test_crowd_zero_agrees_only_without_an_incident_toll():
    assert scoring.killed_agrees(0, {"figures": [killed("combatants", 5)]}, scoring.CIVILIAN_GROUPS)
    assert not scoring.killed_agrees(0, {"figures": [killed("civilians", 5)]}, scoring.CIVILIAN_GROUPS)
    assert not scoring.killed_agrees(0, None, scoring.CIVILIAN_GROUPS)
