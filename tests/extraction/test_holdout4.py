"""Our fourth held-out set of FA-KES articles (tests/extraction/holdout4.jsonl, HOLDOUT.md "Fourth held-out
set (blind, 0.10.0)"): a fresh blind sample, made after the third held-out set had been measured and its
error kinds were about to be worked on. Annotated like the dev set, by the contract and DEVSET.md's
conventions, without looking at the extractor's output, and committed before the extractor was run on
these rows.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in
the dev set or any earlier held-out set, no text of theirs). The scores are printed, not tested, so
that nobody tunes to these rows:

    .venv/bin/python -m tests.extraction.test_holdout4
"""

from pathlib import Path

import pytest

from tests.extraction.fakes import read_devset, read_fakes, select_devset_rows
from tests.extraction.heldout import print_scores, stratified_sample
from tests.extraction.test_devset import entry_problems
from tests.extraction.test_holdout import read_holdout, select_holdout_rows
from tests.extraction.test_holdout2 import read_holdout2, select_holdout2_rows
from tests.extraction.test_holdout3 import read_holdout3, select_holdout3_rows

HOLDOUT4 = Path(__file__).resolve().parent / "holdout4.jsonl"
SIZE = 30


def _earlier_rows(rows):
    """Rows already used: the dev set's and the three earlier held-out sets' (by rule and by file)."""
    used = set(select_devset_rows(rows)) | set(select_holdout_rows(rows)) | set(select_holdout2_rows(rows))
    used |= set(select_holdout3_rows(rows))
    used |= {e["row"] for e in read_devset()} | {e["row"] for e in read_holdout()}
    used |= {e["row"] for e in read_holdout2()} | {e["row"] for e in read_holdout3()}
    return used


def select_holdout4_rows(rows, size=SIZE):
    """The fourth held-out rows, by a deterministic rule (HOLDOUT.md, "Fourth held-out set (blind, 0.10.0)").

    Candidates: every row that is in none of the dev set and the three earlier held-out sets and whose
    text is none of theirs (FA-KES repeats some texts under other rows). Stratified over the `source`
    column by largest remainders, as the earlier held-out sets: each outlet gets one article, the rest of
    `size` shared in proportion to its candidates. Within an outlet the picks sit at the five-eighths
    point of each of k equal slices of its candidates in file order (between the dev set's middle points
    and the second set's three-quarter points), skipping a text already chosen. Returned in row order.
    """
    return stratified_sample(rows, _earlier_rows(rows), size=size, point=0.625)


def read_holdout4():
    return read_devset(HOLDOUT4)


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout4():
    return read_holdout4()


def test_holdout4_entries_are_well_formed_by_the_contract(rows, holdout4):
    problems = [p for entry in holdout4 for p in entry_problems(entry, rows)]
    assert not problems, "\n".join(problems)


def test_holdout4_rows_are_exactly_the_selection_rule(rows, holdout4):
    assert [entry["row"] for entry in holdout4] == select_holdout4_rows(rows)


def test_holdout4_has_thirty_distinct_texts(rows, holdout4):
    assert len({rows[e["row"]].text for e in holdout4}) == len(holdout4) == SIZE


def test_holdout4_shares_no_row_and_no_text_with_the_devset_or_earlier_holdouts(rows, holdout4):
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    overlap = [e["row"] for e in holdout4 if e["row"] in used or rows[e["row"]].text in used_texts]
    assert not overlap, f"fourth held-out rows also in the dev set or an earlier held-out set: {overlap}"


def test_holdout4_selection_takes_every_outlet_with_candidates_left(rows):
    # tass has only 5 rows, all used by the earlier samples: every outlet that still has a candidate is taken
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    left = {r.source for r in rows if r.row not in used and r.text not in used_texts}
    assert left == {r.source for r in rows} - {"tass"}
    assert {rows[i].source for i in select_holdout4_rows(rows)} == left


def main():
    """Print the extractor's scores on the fourth held-out set (a report, never a test)."""
    print_scores("fourth held-out set", read_holdout4(), read_fakes())


if __name__ == "__main__":
    main()
