"""Our third held-out set of FA-KES articles (tests/extraction/holdout3.jsonl, HOLDOUT.md "Third held-out
set (blind, 0.9.0)"): a fresh blind sample, made after both earlier held-out sets had become part of
development. Annotated like the dev set, by the contract and DEVSET.md's conventions, without looking at
the extractor's output, and committed before the extractor was run on these rows.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in
the dev set or either earlier held-out set, no text of theirs). The scores are printed, not tested, so
that nobody tunes to these rows:

    .venv/bin/python -m tests.extraction.test_holdout3
"""

from pathlib import Path

import pytest

from tests.extraction.fakes import read_devset, read_fakes, select_devset_rows
from tests.extraction.heldout import print_scores, stratified_sample
from tests.extraction.test_devset import entry_problems
from tests.extraction.test_holdout import read_holdout, select_holdout_rows
from tests.extraction.test_holdout2 import read_holdout2, select_holdout2_rows

HOLDOUT3 = Path(__file__).resolve().parent / "holdout3.jsonl"
SIZE = 30


def _earlier_rows(rows):
    """Rows already used: the dev set's and both earlier held-out sets' (by rule and by file)."""
    used = set(select_devset_rows(rows)) | set(select_holdout_rows(rows)) | set(select_holdout2_rows(rows))
    used |= {e["row"] for e in read_devset()} | {e["row"] for e in read_holdout()}
    used |= {e["row"] for e in read_holdout2()}
    return used


def select_holdout3_rows(rows, size=SIZE):
    """The third held-out rows, by a deterministic rule (HOLDOUT.md, "Third held-out set (blind, 0.9.0)").

    Candidates: every row that is in none of the dev set and the two earlier held-out sets and whose text
    is none of theirs (FA-KES repeats some texts under other rows). Stratified over the `source` column by
    largest remainders, as the earlier held-out sets: each outlet gets one article, the rest of `size`
    shared in proportion to its candidates. Within an outlet the picks sit at the three-eighths point of
    each of k equal slices of its candidates in file order (between the earlier sets' quarter and middle
    points), skipping a text already chosen. Returned in row order.
    """
    return stratified_sample(rows, _earlier_rows(rows), size=size, point=0.375)


def read_holdout3():
    return read_devset(HOLDOUT3)


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout3():
    return read_holdout3()


def test_holdout3_entries_are_well_formed_by_the_contract(rows, holdout3):
    problems = [p for entry in holdout3 for p in entry_problems(entry, rows)]
    assert not problems, "\n".join(problems)


def test_holdout3_rows_are_exactly_the_selection_rule(rows, holdout3):
    assert [entry["row"] for entry in holdout3] == select_holdout3_rows(rows)


def test_holdout3_has_thirty_distinct_texts(rows, holdout3):
    assert len({rows[e["row"]].text for e in holdout3}) == len(holdout3) == SIZE


def test_holdout3_shares_no_row_and_no_text_with_the_devset_or_earlier_holdouts(rows, holdout3):
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    overlap = [e["row"] for e in holdout3 if e["row"] in used or rows[e["row"]].text in used_texts]
    assert not overlap, f"third held-out rows also in the dev set or an earlier held-out set: {overlap}"


def test_holdout3_selection_takes_every_outlet(rows):
    assert {rows[i].source for i in select_holdout3_rows(rows)} == {r.source for r in rows}


def main():
    """Print the extractor's scores on the third held-out set (a report, never a test)."""
    print_scores("third held-out set", read_holdout3(), read_fakes())


if __name__ == "__main__":
    main()
