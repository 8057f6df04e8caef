"""Our seventh held-out set of FA-KES articles (tests/extraction/holdout7.jsonl, HOLDOUT.md "Seventh held-out
set (blind, 0.12.0, issue 11)"): a fresh blind sample, the fifth set's rule at another point, made because the
sixth set was read while working on issue 11. Same line format and contract as the fifth and sixth sets (the
report's governorate, each figure's unit, running-total flag, `since`, date and place P-code, each condition's
place). Annotated without looking at the extractor's output and committed before the extractor was run on
these rows.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in the
dev set or any earlier held-out set, no text of theirs). The scores are printed, not tested, so that nobody
tunes to these rows:

    .venv/bin/python tests/bench/eval_holdout.py 7
"""

from pathlib import Path

import pytest

from tests.extraction.fakes import read_devset, read_fakes
from tests.extraction.heldout import gazetteer_parents
from tests.extraction.test_holdout5 import (
    PER_STRATUM, STRATA, entry_problems, names_several_governorates, select_by_cues,
)
from tests.extraction.test_holdout6 import _earlier_rows as _rows_before_holdout6, read_holdout6, select_holdout6_rows

HOLDOUT7 = Path(__file__).resolve().parent / "holdout7.jsonl"
SIZE = 30
# The cue rule (select_by_cues) took 7/8 for the fifth set and 1/8 for the sixth. Three-eighths was the third
# set's point under another rule (outlet strata) over another pool; its rows are excluded below all the same.
POINT = 0.375


def _earlier_rows(rows):
    """Rows already used: the dev set's and the six earlier held-out sets' (by rule and by file)."""
    used = _rows_before_holdout6(rows) | set(select_holdout6_rows(rows))
    used |= {e["row"] for e in read_holdout6()}
    return used


def select_holdout7_rows(rows):
    """The seventh held-out rows, by a deterministic rule (HOLDOUT.md, "Seventh held-out set").

    The fifth set's rule (`select_by_cues`: three strata of 10 - several governorates, condition cues,
    running-total cues) over the rows in none of the dev set and the six earlier held-out sets and whose
    text is none of theirs, with the picks at the three-eighths point of each of 10 equal slices of a
    stratum's pool (no earlier set used that point with this rule). Returned in row order.
    """
    return select_by_cues(rows, _earlier_rows(rows), POINT)


def read_holdout7():
    return read_devset(HOLDOUT7)


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout7():
    return read_holdout7()


def test_holdout7_entries_are_well_formed_with_places_of_the_gazetteer(rows, holdout7):
    places = gazetteer_parents()
    problems = [p for entry in holdout7 for p in entry_problems(entry, rows, places)]
    assert not problems, "\n".join(problems)


def test_holdout7_rows_are_exactly_the_selection_rule(rows, holdout7):
    assert [entry["row"] for entry in holdout7] == select_holdout7_rows(rows)


def test_holdout7_has_thirty_distinct_texts(rows, holdout7):
    assert len({rows[e["row"]].text for e in holdout7}) == len(holdout7) == SIZE


def test_holdout7_shares_no_row_and_no_text_with_the_devset_or_earlier_holdouts(rows, holdout7):
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    overlap = [e["row"] for e in holdout7 if e["row"] in used or rows[e["row"]].text in used_texts]
    assert not overlap, f"seventh held-out rows also in the dev set or an earlier held-out set: {overlap}"


def test_holdout7_selection_takes_ten_rows_from_each_stratum_and_none_of_the_sixth_sets(rows):
    chosen = select_holdout7_rows(rows)
    assert len(chosen) == SIZE
    assert all(any(test(rows[i].text) for test in STRATA) for i in chosen)
    assert sum(names_several_governorates(rows[i].text) for i in chosen) >= PER_STRATUM
    assert not set(chosen) & set(select_holdout6_rows(rows))


def test_holdout7_holds_what_issue_11_measures(holdout7):
    figures = [f for e in holdout7 for f in e["figures"]]
    assert sum(f["cumulative"] for f in figures) >= 20, "running totals, multi-day tolls and background events"
    assert sum(bool(e["conditions"]) for e in holdout7) >= 10, "articles with conditions"
    assert sum(len({f["place"] for f in e["figures"]} - {None}) >= 3 for e in holdout7) >= 10, \
        "articles whose figures lie in several places"
