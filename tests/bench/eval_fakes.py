"""How well the extractor reads FA-KES (issue 3, "How well"): prints the measures the tests hold to a bar.

    .venv/bin/python tests/bench/eval_fakes.py [--show N]

Runs extract() over all 804 FA-KES rows (text only: the dateline is read from the text) and prints
failures, governorate agreement, killed agreement with the crowd's nb_civilians and nb_children, and
the dev set's strict figure and condition scores. With --show N, lists N disagreements per measure
(row, expected, got) for reading. The rules are in tests/extraction/scoring.py.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.extraction import scoring  # noqa: E402
from tests.extraction.fakes import extract_all, read_devset, read_fakes  # noqa: E402


def pct(share, agreeing, counted):
    return f"{100 * share:5.1f}%  ({agreeing}/{counted})"


def figure_text(f):
    extra = "" if f.get("qualifier") in (None, "exact") else f" {f['qualifier']}"
    return f"{f['kind']}/{f['group']}/{f['value']}{extra}{' cum' if f.get('cumulative') else ''}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N disagreements per measure")
    args = parser.parse_args(argv)
    show = args.show

    rows = read_fakes()
    started = time.perf_counter()
    outcomes = extract_all(rows)
    elapsed = time.perf_counter() - started

    failures = [(r, err) for r, (_, err) in outcomes.items() if err]
    print(f"FA-KES rows: {len(rows)}  in {elapsed:.1f}s ({len(rows) / elapsed:.0f} reports/s, in process)")
    print(f"failures (exceptions): {len(failures)}")
    for r, err in failures[:max(show, 3)]:
        print(f"   row {r}: {err}")

    result = {r: res for r, (res, _) in outcomes.items()}
    quote_bad = [r.row for r in rows if result[r.row] and not quotes_match(r.text, result[r.row])]
    print(f"rows with a quote that is not text[start:end]: {len(quote_bad)}" + (f" e.g. {quote_bad[:5]}" if quote_bad else ""))

    # Governorate
    gov = {r.row: scoring.governorate_agrees(r.location, result[r.row]) for r in rows}
    unknown = sorted({r.location for r in rows if gov[r.row] is None})
    print(f"governorate agreement:   {pct(*scoring.rate(gov.values()))}" + (f"  labels left out: {unknown}" if unknown else ""))

    # Killed vs crowd
    killed_lines = []
    for column, groups, name in (("nb_civilians", scoring.CIVILIAN_GROUPS, "nb_civilians"),
                                 ("nb_children", scoring.CHILD_GROUPS, "nb_children")):
        positive = {r.row: scoring.killed_agrees(r.crowd[column], result[r.row], groups)
                    for r in rows if r.crowd[column] > 0}
        zero = {r.row: scoring.killed_agrees(0, result[r.row], groups) for r in rows if r.crowd[column] == 0}
        first = [scoring.first_incident_killed_value(result[r.row], groups) == r.crowd[column]
                 for r in rows if r.crowd[column] > 0]
        print(f"{name} agreement:   {pct(*scoring.rate(positive.values()))}")
        print(f"   diagnostics: crowd zero and no figure read {pct(*scoring.rate(zero.values()))};"
              f" first toll in the text is the crowd's {pct(*scoring.rate(first))}")
        killed_lines.append((name, column, groups, positive, zero))

    # Dev set
    devset = read_devset()
    fig = cond = cond_sev = scoring.Score()
    per_fig, per_cond = [], []
    qual = [0, 0]
    cum = [0, 0]
    dates = [0, 0]
    for entry in devset:
        got = result.get(entry["row"]) or {"figures": [], "conditions": []}
        s = scoring.figure_score(entry["figures"], got.get("figures", []))
        c = scoring.condition_score(entry["conditions"], got.get("conditions", []))
        fig, cond = fig + s, cond + c
        cond_sev = cond_sev + scoring.condition_score(entry["conditions"], got.get("conditions", []), True)
        for tally, attribute in ((qual, "qualifier"), (cum, "cumulative")):
            a, m = scoring.matched_attribute_agreement(entry["figures"], got.get("figures", []), attribute)
            tally[0] += a
            tally[1] += m
        dates[0] += got.get("report_date") == entry["report_date"]
        dates[1] += 1
        if s.fp or s.fn:
            per_fig.append((entry, got))
        if c.fp or c.fn:
            per_cond.append((entry, got))
    n_fig = sum(len(e["figures"]) for e in devset)
    n_cond = sum(len(e["conditions"]) for e in devset)
    print(f"dev set: {len(devset)} articles, {n_fig} figures, {n_cond} conditions")
    print(f"  figures (kind, group, value): P {fig.precision:.3f}  R {fig.recall:.3f}  F1 {fig.f1:.3f}"
          f"   (tp {fig.tp}, fp {fig.fp}, fn {fig.fn})")
    print(f"  conditions (sector):          P {cond.precision:.3f}  R {cond.recall:.3f}  F1 {cond.f1:.3f}")
    print(f"  conditions (sector, severity): F1 {cond_sev.f1:.3f}")
    print(f"  of matched figures: qualifier agrees {qual[0]}/{qual[1]}, cumulative agrees {cum[0]}/{cum[1]};"
          f" report_date agrees {dates[0]}/{dates[1]}")

    if show:
        by_row = {r.row: r for r in rows}
        print(f"\n--- governorate disagreements (row, FA-KES label, extractor's place)")
        for r in [r for r in rows if gov[r.row] is False][:show]:
            print(f"   row {r.row}: {r.location!r} got {(result[r.row] or {}).get('place')}")
        for name, column, groups, positive, zero in killed_lines:
            print(f"\n--- {name} disagreements (row, crowd, non-cumulative killed values read for {'/'.join(groups)})")
            for row in [row for row, ok in positive.items() if not ok][:show]:
                values = sorted(scoring.incident_killed_values(result[row], groups))
                print(f"   row {row}: crowd {by_row[row].crowd[column]} got {values}")
            print(f"--- {name}: crowd zero but a figure read")
            for row in [row for row, ok in zero.items() if not ok][:show]:
                print(f"   row {row}: got {sorted(scoring.incident_killed_values(result[row], groups))}")
        print("\n--- dev set figure disagreements (row: missing | extra)")
        for entry, got in per_fig[:show]:
            exp = {scoring.figure_key(f): f for f in entry["figures"]}
            ext = {scoring.figure_key(f): f for f in got.get("figures", [])}
            missing = [figure_text(exp[k]) for k in exp if k not in ext]
            extra = [figure_text(ext[k]) for k in ext if k not in exp]
            print(f"   row {entry['row']}: missing {missing} | extra {extra}")
        print("\n--- dev set condition disagreements (row: expected | got)")
        for entry, got in per_cond[:show]:
            exp = sorted(f"{c['sector']}{c['severity']}" for c in entry["conditions"])
            ext = sorted(f"{c['sector']}{c['severity']}" for c in got.get("conditions", []))
            print(f"   row {entry['row']}: expected {exp} | got {ext}")
    return 0


def quotes_match(text, result):
    items = list(result.get("figures", [])) + list(result.get("conditions", []))
    return all(text[i["start"]:i["end"]] == i["quote"] for i in items)


if __name__ == "__main__":
    sys.exit(main())
