"""Our held-out set of FA-KES articles (tests/extraction/holdout.jsonl, HOLDOUT.md): annotated like the dev
set, by the contract and DEVSET.md's conventions, but never used while developing the extractor.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in
the dev set, no dev-set text). The scores are printed, not tested, so that nobody tunes to these rows:

    .venv/bin/python -m tests.extraction.test_holdout
"""

import pytest

from tests.extraction import scoring
from tests.extraction.fakes import read_devset, read_fakes, select_devset_rows
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
    dev_rows = set(select_devset_rows(rows))
    dev_texts = {rows[i].text for i in dev_rows}
    by_source = {}
    for r in rows:
        if r.row not in dev_rows and r.text not in dev_texts:
            by_source.setdefault(r.source, []).append(r)
    sources = sorted(by_source)
    total = sum(len(m) for m in by_source.values())
    spare = size - len(sources)
    shares = {s: spare * len(by_source[s]) / total for s in sources}
    quota = {s: 1 + int(shares[s]) for s in sources}
    left = size - sum(quota.values())
    for s in sorted(sources, key=lambda s: (-(shares[s] - int(shares[s])), s))[:left]:
        quota[s] += 1
    chosen, texts = [], set()
    for s in sources:
        members = by_source[s]
        k = min(quota[s], len(members))
        for j in range(k):
            position = int((j + 0.25) * len(members) / k)
            while position < len(members) and members[position].text in texts:
                position += 1
            if position < len(members):
                texts.add(members[position].text)
                chosen.append(members[position].row)
    return sorted(chosen)


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
    from tests.extraction.fakes import extract_all

    rows = read_fakes()
    holdout = read_holdout()
    outcomes = extract_all([rows[e["row"]] for e in holdout])
    figures = sectors = severities = scoring.Score()
    qualifier, cumulative = [0, 0], [0, 0]
    failures = 0
    for e in holdout:
        result, error = outcomes[e["row"]]
        failures += error is not None
        got = result or {}
        figures += scoring.figure_score(e["figures"], got.get("figures", []))
        sectors += scoring.condition_score(e["conditions"], got.get("conditions", []))
        severities += scoring.condition_score(e["conditions"], got.get("conditions", []), with_severity=True)
        for tally, attribute in ((qualifier, "qualifier"), (cumulative, "cumulative")):
            agreeing, matched = scoring.matched_attribute_agreement(e["figures"], got.get("figures", []), attribute)
            tally[0] += agreeing
            tally[1] += matched
    n_fig = sum(len(e["figures"]) for e in holdout)
    n_cond = sum(len(e["conditions"]) for e in holdout)
    print(f"held-out set: {len(holdout)} articles, {n_fig} figures, {n_cond} conditions; failures {failures}")
    print(f"  figures (kind, group, value): P {figures.precision:.3f}  R {figures.recall:.3f}  F1 {figures.f1:.3f}"
          f"   (tp {figures.tp}, fp {figures.fp}, fn {figures.fn})")
    print(f"  conditions (sector):           P {sectors.precision:.3f}  R {sectors.recall:.3f}  F1 {sectors.f1:.3f}"
          f"   (tp {sectors.tp}, fp {sectors.fp}, fn {sectors.fn})")
    print(f"  conditions (sector, severity): P {severities.precision:.3f}  R {severities.recall:.3f}  F1 {severities.f1:.3f}")
    print(f"  of matched figures: qualifier agrees {qualifier[0]}/{qualifier[1]}, "
          f"cumulative agrees {cumulative[0]}/{cumulative[1]}")


if __name__ == "__main__":
    main()
