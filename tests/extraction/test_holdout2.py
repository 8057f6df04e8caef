"""Our second held-out set of FA-KES articles (tests/extraction/holdout2.jsonl, HOLDOUT.md "Second held-out
set"): a fresh blind sample, made after the first held-out set had become part of development. Annotated
like the dev set, by the contract and DEVSET.md's conventions, without looking at the extractor's output.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in
the dev set or the first held-out set, no text of theirs). The scores are printed, not tested, so that
nobody tunes to these rows:

    .venv/bin/python -m tests.extraction.test_holdout2
"""

from pathlib import Path

import pytest

from tests.extraction.fakes import read_devset, read_fakes, select_devset_rows
from tests.extraction.heldout import print_scores, stratified_sample
from tests.extraction.test_devset import entry_problems
from tests.extraction.test_holdout import read_holdout, select_holdout_rows

HOLDOUT2 = Path(__file__).resolve().parent / "holdout2.jsonl"
SIZE = 30


def _earlier_rows(rows):
    """Rows already used: the dev set's and the first held-out set's (by rule and by file)."""
    used = set(select_devset_rows(rows)) | set(select_holdout_rows(rows))
    used |= {e["row"] for e in read_devset()} | {e["row"] for e in read_holdout()}
    return used


def select_holdout2_rows(rows, size=SIZE):
    """The second held-out rows, by a deterministic rule (HOLDOUT.md, "Second held-out set").

    Candidates: every row that is neither a dev-set row nor a first-held-out row and whose text is none of
    theirs (FA-KES repeats some texts under other rows). Stratified over the `source` column by largest
    remainders, as the first held-out set: each outlet gets one article, the rest of `size` shared in
    proportion to its candidates. Within an outlet the picks sit at the three-quarter point of each of k
    equal slices of its candidates in file order (the dev set took middle points of the whole outlet, the
    first held-out set quarter points of its candidates, so the three samples interleave), skipping a text
    already chosen. Returned in row order.
    """
    return stratified_sample(rows, _earlier_rows(rows), size=size, point=0.75)


def read_holdout2():
    return read_devset(HOLDOUT2)


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout2():
    return read_holdout2()


def test_holdout2_entries_are_well_formed_by_the_contract(rows, holdout2):
    problems = [p for entry in holdout2 for p in entry_problems(entry, rows)]
    assert not problems, "\n".join(problems)


def test_holdout2_rows_are_exactly_the_selection_rule(rows, holdout2):
    assert [entry["row"] for entry in holdout2] == select_holdout2_rows(rows)


def test_holdout2_has_thirty_distinct_texts(rows, holdout2):
    assert len({rows[e["row"]].text for e in holdout2}) == len(holdout2) == SIZE


def test_holdout2_shares_no_row_and_no_text_with_the_devset_or_first_holdout(rows, holdout2):
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    overlap = [e["row"] for e in holdout2 if e["row"] in used or rows[e["row"]].text in used_texts]
    assert not overlap, f"second held-out rows also in the dev set or the first held-out set: {overlap}"


def test_holdout2_selection_takes_every_outlet(rows):
    assert {rows[i].source for i in select_holdout2_rows(rows)} == {r.source for r in rows}


def main():
    """Print the extractor's scores on the second held-out set (a report, never a test)."""
    print_scores("second held-out set", read_holdout2(), read_fakes())


if __name__ == "__main__":
    main()
