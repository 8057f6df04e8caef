"""Our held-out set of FA-KES articles (tests/extraction/holdout.jsonl, HOLDOUT.md): annotated like the dev
set, by the contract and DEVSET.md's conventions, but never used while developing the extractor.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in
the dev set, no dev-set text). The scores are printed, not tested, so that nobody tunes to these rows:

    .venv/bin/python -m tests.extraction.test_holdout
"""

import pytest

from tests.extraction.fakes import read_devset, read_fakes, select_devset_rows
from tests.extraction.heldout import print_scores, stratified_sample
from tests.extraction.test_devset import entry_problems

HOLDOUT = __import__("pathlib").Path(__file__).resolve().parent / "holdout.jsonl"
SIZE = 30


def select_holdout_rows(rows, size=SIZE):
    """The held-out rows, by a deterministic rule (HOLDOUT.md).

    Candidates: every row that is not a dev-set row and whose text is not a dev-set text (FA-KES repeats
    some texts under other rows). Stratified over the `source` column by largest remainders: each outlet
    gets at least one article, the rest of `size` shared in proportion to its candidates. Within an outlet
    the picks sit at the quarter point of each of k equal slices of its candidates in file order (the dev
    set took the middle points of the whole outlet, so the two samples interleave rather than meet),
    skipping a text already chosen. Returned in row order.
    """
    return stratified_sample(rows, set(select_devset_rows(rows)), size=size, point=0.25)


def read_holdout():
    return read_devset(HOLDOUT)


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout():
    return read_holdout()


def test_holdout_entries_are_well_formed_by_the_contract(rows, holdout):
    problems = [p for entry in holdout for p in entry_problems(entry, rows)]
    assert not problems, "\n".join(problems)


def test_holdout_rows_are_exactly_the_selection_rule(rows, holdout):
    assert [entry["row"] for entry in holdout] == select_holdout_rows(rows)


def test_holdout_shares_no_row_and_no_text_with_the_devset(rows, holdout):
    dev = {entry["row"] for entry in read_devset()} | set(select_devset_rows(rows))
    dev_texts = {rows[i].text for i in dev}
    overlap = [e["row"] for e in holdout if e["row"] in dev or rows[e["row"]].text in dev_texts]
    assert not overlap, f"held-out rows also in the dev set: {overlap}"


def test_holdout_selection_takes_every_outlet(rows):
    assert {rows[i].source for i in select_holdout_rows(rows)} == {r.source for r in rows}


def main():
    """Print the extractor's scores on the held-out set (a report, never a test)."""
    print_scores("held-out set", read_holdout(), read_fakes())


if __name__ == "__main__":
    main()
