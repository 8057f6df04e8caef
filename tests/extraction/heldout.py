"""What the held-out sets share: the stratified sampling rule and the printed score report.

Each held-out set (test_holdout.py, test_holdout2.py, test_holdout3.py) differs only in which rows it must
avoid and at which point of each slice it picks; HOLDOUT.md describes each rule.
"""

import csv
import functools
import json
from pathlib import Path

from tests.extraction import scoring

DATA = Path(__file__).resolve().parents[2] / "reports" / "data"


def stratified_sample(rows, used, *, size, point):
    """`size` rows stratified over the `source` column, none in `used` and none sharing a text with them.

    Largest remainders: each outlet gets at least one article, the rest of `size` shared in proportion to
    its candidates. Within an outlet the picks sit at `point` (a fraction) of each of k equal slices of its
    candidates in file order, skipping a text already chosen. Returned in row order.
    """
    used_texts = {rows[i].text for i in used}
    by_source = {}
    for r in rows:
        if r.row not in used and r.text not in used_texts:
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
            position = int((j + point) * len(members) / k)
            while position < len(members) and members[position].text in texts:
                position += 1
            if position < len(members):
                texts.add(members[position].text)
                chosen.append(members[position].row)
    return sorted(chosen)


@functools.cache
def gazetteer_parents(data=DATA):
    """{P-code: parent P-code} for every place of the shipped gazetteer (places.csv) and the project's named
    areas (named_areas.json); the country's parent is None. Read from the files, not through the extractor,
    so an annotation's places are checked against the gazetteer itself."""
    with open(Path(data) / "places.csv", encoding="utf-8", newline="") as handle:
        parents = {row["pcode"]: row["parent"] or None for row in csv.DictReader(handle)}
    with open(Path(data) / "named_areas.json", encoding="utf-8") as handle:
        parents.update({area["pcode"]: area["parent"] for area in json.load(handle)})
    return parents


def print_scores(label, entries, rows):
    """Print the extractor's scores on a held-out set (a report, never a test)."""
    from reports.extraction import VERSION
    from tests.extraction.fakes import extract_all

    outcomes = extract_all([rows[e["row"]] for e in entries])
    figures = sectors = severities = scoring.Score()
    qualifier, cumulative = [0, 0], [0, 0]
    failures = 0
    for e in entries:
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
    n_fig = sum(len(e["figures"]) for e in entries)
    n_cond = sum(len(e["conditions"]) for e in entries)
    print(f"{label} (extractor {VERSION}): {len(entries)} articles, {n_fig} figures, "
          f"{n_cond} conditions; failures {failures}")
    print(f"  figures (kind, group, value): P {figures.precision:.3f}  R {figures.recall:.3f}  F1 {figures.f1:.3f}"
          f"   (tp {figures.tp}, fp {figures.fp}, fn {figures.fn})")
    print(f"  conditions (sector):           P {sectors.precision:.3f}  R {sectors.recall:.3f}  F1 {sectors.f1:.3f}"
          f"   (tp {sectors.tp}, fp {sectors.fp}, fn {sectors.fn})")
    print(f"  conditions (sector, severity): P {severities.precision:.3f}  R {severities.recall:.3f}  F1 {severities.f1:.3f}")
    print(f"  of matched figures: qualifier agrees {qualifier[0]}/{qualifier[1]}, "
          f"cumulative agrees {cumulative[0]}/{cumulative[1]}")
