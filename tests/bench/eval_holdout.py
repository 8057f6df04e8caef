"""The extractor in this checkout against the fifth, sixth or seventh held-out set (issue 11, "Measure honestly").

    .venv/bin/python tests/bench/eval_holdout.py {5,6,7} [--show N]

Runs extract() in process (one gazetteer built from reports/data, as eval_fakes.py) over the 30 rows of
tests/extraction/holdout5.jsonl, holdout6.jsonl or holdout7.jsonl (the sets annotated with places, dates and
running totals) and prints every measure of HOLDOUT.md's "Fifth held-out set": strict figure precision,
recall and F1 on (kind, group, value); F1 with the group forgiven; the running-total flag on matched figures; "daily
killed per report" summed as the dashboard sums it (tests/extraction/daily_sums.py) against the annotation;
condition F1 on sector and on (sector, severity); the report's governorate; the matched figures' places
(governorate and exact P-code). With --show N it lists N rows per measure that disagree - do not tune the
extractor on them (the set would stop measuring anything), and never use it on a set still blind.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SITREP_SHARED_DIR", str(ROOT.parent / "shared"))

# the held-out sets annotated with governorate, places, dates and running totals
SETS = {5: "fifth", 6: "sixth", 7: "seventh"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=int, choices=sorted(SETS), help="which held-out set")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N disagreeing rows per measure")
    arguments = parser.parse_args(argv)
    show, label = arguments.show, SETS[arguments.set]

    import django

    django.setup()  # dashboard.summaries' rules are used as they are; no database query is made
    from reports.extraction import VERSION
    from tests.extraction import scoring
    from tests.extraction.daily_sums import killed_on, place_paths
    from tests.extraction.fakes import extract_all, read_devset, read_fakes
    from tests.extraction.heldout import gazetteer_parents

    entries = read_devset(ROOT / "tests" / "extraction" / f"holdout{arguments.set}.jsonl")
    rows = read_fakes()
    outcomes = extract_all([rows[e["row"]] for e in entries])
    parents, paths = gazetteer_parents(), place_paths()

    strict = forgiven = sectors = severities = scoring.Score()
    cumulative = [0, 0, 0, 0]  # matched annotated running totals flagged, of them; matched incidents flagged, of them
    qualifier = [0, 0]
    places = [0, 0, 0]
    governorate = [0, 0]
    on_day, all_days = [], []
    failures, notes = 0, {"figures": [], "cumulative": [], "daily": [], "conditions": [], "governorate": []}
    for e in entries:
        result, error = outcomes[e["row"]]
        failures += error is not None
        got = result or {}
        figures, conditions = got.get("figures", []), got.get("conditions", [])
        s = scoring.figure_score(e["figures"], figures)
        strict += s
        forgiven += scoring.figure_score_group_forgiven(e["figures"], figures)
        c = scoring.condition_score(e["conditions"], conditions)
        sectors += c
        severities += scoring.condition_score(e["conditions"], conditions, with_severity=True)
        pairs = scoring.matched_figures(e["figures"], figures)
        wrong_flag = []
        for want, have in pairs:
            index = 0 if want["cumulative"] else 2
            cumulative[index] += bool(have.get("cumulative")) == want["cumulative"]
            cumulative[index + 1] += 1
            qualifier[0] += have.get("qualifier") == want["qualifier"]
            qualifier[1] += 1
            if bool(have.get("cumulative")) != want["cumulative"]:
                wrong_flag.append(figure_text(want))
        agreed = scoring.place_agreement(pairs, parents)
        places = [places[i] + agreed[i] for i in range(3)]
        governorate[0] += scoring.report_admin1(result) == e["admin1"]
        governorate[1] += 1
        day = datetime.date.fromisoformat(e["report_date"]) if e["report_date"] else None
        own_date = got.get("report_date")
        want_day = killed_on(e["report_date"], e["figures"], paths, day=day)
        have_day = killed_on(own_date, figures, paths, day=day)
        on_day.append((want_day, have_day))
        all_days.append((killed_on(e["report_date"], e["figures"], paths), killed_on(own_date, figures, paths)))
        if s.fp or s.fn:
            notes["figures"].append((e["row"], e["figures"], figures))
        if wrong_flag:
            notes["cumulative"].append((e["row"], wrong_flag))
        if want_day != have_day:
            notes["daily"].append((e["row"], want_day, have_day))
        if c.fp or c.fn:
            notes["conditions"].append((e["row"], e["conditions"], conditions))
        if scoring.report_admin1(result) != e["admin1"]:
            notes["governorate"].append((e["row"], e["admin1"], scoring.report_admin1(result)))

    n_fig = sum(len(e["figures"]) for e in entries)
    n_cond = sum(len(e["conditions"]) for e in entries)
    flagged_right = cumulative[0] + cumulative[2]
    matched = cumulative[1] + cumulative[3]
    day_total, day_median, day_extra = scoring.relative_errors(on_day)
    all_total, all_median, all_extra = scoring.relative_errors(all_days)
    print(f"{label} held-out set (extractor {VERSION}): {len(entries)} articles, {n_fig} figures, "
          f"{n_cond} conditions; failures {failures}")
    print(f"  figures (kind, group, value):   P {strict.precision:.3f}  R {strict.recall:.3f}  F1 {strict.f1:.3f}"
          f"   (tp {strict.tp}, fp {strict.fp}, fn {strict.fn})")
    print(f"  figures, group forgiven:        P {forgiven.precision:.3f}  R {forgiven.recall:.3f}  F1 {forgiven.f1:.3f}"
          f"   (tp {forgiven.tp}, fp {forgiven.fp}, fn {forgiven.fn})")
    print(f"  running-total flag right:       {share(flagged_right, matched)} of matched figures"
          f"   (running totals {cumulative[0]}/{cumulative[1]}, incidents {cumulative[2]}/{cumulative[3]})")
    print(f"  qualifier right:                {share(*qualifier)} of matched figures")
    print(f"  daily killed per report, report's day: total error {100 * day_total:.1f}% of "
          f"{sum(a for a, _ in on_day)} annotated (extractor {sum(m for _, m in on_day)}); "
          f"median per report {100 * day_median:.1f}%; {day_extra} reports with none annotated but some read")
    print(f"  daily killed per report, all its days: total error {100 * all_total:.1f}% of "
          f"{sum(a for a, _ in all_days)} annotated (extractor {sum(m for _, m in all_days)}); "
          f"median per report {100 * all_median:.1f}%; {all_extra} reports with none annotated but some read")
    print(f"  conditions (sector):            P {sectors.precision:.3f}  R {sectors.recall:.3f}  F1 {sectors.f1:.3f}"
          f"   (tp {sectors.tp}, fp {sectors.fp}, fn {sectors.fn})")
    print(f"  conditions (sector, severity):  P {severities.precision:.3f}  R {severities.recall:.3f}"
          f"  F1 {severities.f1:.3f}")
    print(f"  report governorate:             {share(*governorate)}")
    print(f"  figure place, matched figures:  governorate {share(places[0], places[2])}, "
          f"exact P-code {share(places[1], places[2])}")

    if show:
        print("\n--- figures (row: missing | extra)")
        for row, want, have in notes["figures"][:show]:
            missing, extra = difference(want, have), difference(have, want)
            print(f"   row {row}: missing {missing} | extra {extra}")
        print("\n--- running-total flag wrong (row: annotated figures)")
        for row, wrong in notes["cumulative"][:show]:
            print(f"   row {row}: {wrong}")
        print("\n--- daily killed on the report's day (row: annotated, extractor)")
        for row, want, have in notes["daily"][:show]:
            print(f"   row {row}: {want}, {have}")
        print("\n--- conditions (row: annotated | extractor)")
        for row, want, have in notes["conditions"][:show]:
            print(f"   row {row}: {sorted(f'{c['sector']}{c['severity']}' for c in want)} | "
                  f"{sorted(f'{c['sector']}{c['severity']}' for c in have)}")
        print("\n--- report governorate (row: annotated, extractor)")
        for row, want, have in notes["governorate"][:show]:
            print(f"   row {row}: {want}, {have}")
    return 0


def share(agreeing, counted):
    return f"{agreeing / counted:.3f} ({agreeing}/{counted})" if counted else "n/a (0)"


def figure_text(f):
    extra = "" if f.get("qualifier") in (None, "exact") else f" {f['qualifier']}"
    return f"{f['kind']}/{f['group']}/{f['value']}{extra}{' cum' if f.get('cumulative') else ''}"


def difference(these, those):
    from collections import Counter

    from tests.extraction.scoring import figure_key

    left = Counter(figure_key(f) for f in these) - Counter(figure_key(f) for f in those)
    return sorted("/".join(map(str, key)) for key in left.elements())


if __name__ == "__main__":
    sys.exit(main())
