"""Extraction speed, side by side with a bare pattern pass; and linearity on big texts.

    .venv/bin/python tests/bench/bench_extraction.py [--repeat N] [--no-big] [--baseline CHECKOUT]

Runs, alternately and each as a whole process (start-up included), the pattern floor shipped with the
shared data (`python $SITREP_SHARED_DIR/bench/pattern_floor.py FA-KES-Dataset.csv`) and the extractor's
command line (`python -m reports.extraction --csv FA-KES-Dataset.csv`), N times each, and prints their
median wall and CPU times and the median of the per-round ratios (the issue's target: at most 2x).
Alternating keeps a machine's changing load from favouring one side. Then where the extractor's time
goes: the command line's start-up (over a CSV with no rows) and the in-process CPU time of each stage
over FA-KES (sentences, places, conditions, figures, the rest of extract); the in-process time of the
place scan and the condition cues (the parts the gazetteer automaton and the cue automaton serve); and
the time for 1, 2.5, 5 and 10 MB of report text, which must grow linearly.
"""

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
FLOOR = SHARED / "bench" / "pattern_floor.py"


def timed(command, cwd=ROOT):
    """(wall seconds, CPU seconds of the child) for one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def side_by_side(repeat, baseline=None):
    """Rounds of (floor, ours[, baseline]) run one after the other; ratios of CPU time to the floor's."""
    floor_cmd = [sys.executable, str(FLOOR), str(FAKES)]
    ours_cmd = [sys.executable, "-m", "reports.extraction", "--csv", str(FAKES)]
    commands = [(floor_cmd, ROOT), (ours_cmd, ROOT)] + ([(ours_cmd, baseline)] if baseline else [])
    for command, cwd in commands:
        timed(command, cwd)  # one warm-up each: file cache, bytecode and gazetteer cache, for no side's benefit
    runs = [[] for _ in commands]
    for _ in range(repeat):
        for (command, cwd), times in zip(commands, runs):
            times.append(timed(command, cwd))
    ratios = [[run[1] / floor[1] for run, floor in zip(times, runs[0])] for times in runs[1:]]
    return runs, ratios


def start_up_times(tmp_dir):
    """CPU seconds (medians of three) of the command line and of the pattern floor over a CSV with a
    header and no rows: interpreter, imports and, for the command line, the gazetteer (read from the
    cache after the first run)."""
    empty = Path(tmp_dir) / "empty.csv"
    empty.write_text("id,date,article_content\n", "utf-8")
    ours = [sys.executable, "-m", "reports.extraction", "--csv", str(empty)]
    floor = [sys.executable, str(FLOOR), str(empty)]
    timed(ours)  # (the first run may build and cache the gazetteer)
    return (statistics.median(timed(ours)[1] for _ in range(3)),
            statistics.median(timed(floor)[1] for _ in range(3)))


def stage_times():
    """In-process CPU seconds over FA-KES of each stage of extract, run one after the other as extract
    runs them, and of extract as a whole (the rest: dates, sources, places per figure, the output)."""
    from reports.extraction import Gazetteer, extract
    from reports.extraction import conditions, figures
    from reports.extraction.places import find_mentions
    from reports.extraction.text import sentences, working_copy

    with open(FAKES, encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    index = Gazetteer.from_data_dir().index
    clock = time.process_time
    started = clock()
    works = [working_copy(row["article_content"]) for row in rows]
    spans = [sentences(work) for work in works]
    stages = {"sentences": clock() - started}
    started = clock()
    for work in works:
        find_mentions(index, work)
    stages["places"] = clock() - started
    started = clock()
    for work, work_spans in zip(works, spans):
        lowered = work.lower()
        present = conditions.sectors_by_sentence(lowered if len(lowered) == len(work) else work, work_spans)
        for (a, b), sectors in zip(work_spans, present):
            conditions.sentence_conditions(work[a:b], a, sectors)
    stages["conditions"] = clock() - started
    started = clock()
    for work, work_spans in zip(works, spans):
        last = None
        for a, b in work_spans:
            last = figures.sentence_figures(work[a:b], a, last)
    stages["figures"] = clock() - started
    gazetteer = Gazetteer.from_data_dir()
    started = clock()
    for row in rows:
        extract(row["article_content"], gazetteer=gazetteer)
    whole = clock() - started
    stages["rest"] = whole - sum(stages.values())
    return whole, stages


def part_times():
    """In-process seconds over FA-KES for the place scan and the condition cue pass."""
    from reports.extraction import Gazetteer
    from reports.extraction.conditions import sectors_by_sentence
    from reports.extraction.places import find_mentions
    from reports.extraction.text import sentences, working_copy

    with open(FAKES, encoding="latin-1", newline="") as handle:
        texts = [working_copy(row["article_content"]) for row in csv.DictReader(handle)]
    started = time.process_time()
    index = Gazetteer.from_data_dir().index
    built = time.process_time() - started
    started = time.process_time()
    for text in texts:
        find_mentions(index, text)
    scan = time.process_time() - started
    spans = [sentences(text) for text in texts]
    started = time.process_time()
    for text, text_spans in zip(texts, spans):
        sectors_by_sentence(text.lower(), text_spans)
    cues = time.process_time() - started
    return built, scan, cues


def big_text_times():
    from reports.extraction import extract
    sample = (SHARED / "seeds").glob("*.txt")
    unit = " ".join(p.read_text("utf-8") for p in sorted(sample)) + "\n\n"
    times = []
    for megabytes in (1, 2.5, 5, 10):
        text = unit * int(megabytes * 1_000_000 / len(unit))
        started = time.perf_counter()
        extract(text)
        times.append((megabytes, time.perf_counter() - started))
    return times


# One sentence listing counts, the adversarial paste of issue #11 (0.10.0: 2.4 s at 8,000 items, 417 s at
# 60,000): each item a bare count, a count inheriting a group, a place, an unclosed aside.
ADVERSARIAL = ["{i} killed, ", "{i} civilians were killed and {j} others injured, ",
               "{i} people killed in Aleppo and {j} in Idlib, ", "{i} people were killed ( "]


def adversarial_times(sizes=(1, 2.5, 5, 10)):
    from reports.extraction import Gazetteer, extract
    gazetteer = Gazetteer.from_data_dir()
    times = []
    for megabytes in sizes:
        parts, length, i = [], 0, 0
        while length < megabytes * 1_000_000:
            part = ADVERSARIAL[i % len(ADVERSARIAL)].format(i=i, j=i + 1)
            parts.append(part)
            length += len(part)
            i += 1
        text = "".join(parts) + "end."
        started = time.process_time()
        extract(text, gazetteer=gazetteer)
        times.append((megabytes, i, time.process_time() - started))
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-big", action="store_true", help="skip the 10 MB linearity run")
    parser.add_argument("--baseline", type=Path, help="another checkout (say `git archive main` unpacked) whose "
                        "command line runs in the same rounds, for a before/after")
    args = parser.parse_args(argv)
    runs, ratios = side_by_side(args.repeat, args.baseline)
    print(f"FA-KES ({FAKES.name}) as whole processes, alternately, {args.repeat} rounds (medians):")
    names = ["pattern floor", "extractor CLI"] + ([f"baseline CLI ({args.baseline})"] if args.baseline else [])
    for name, times in zip(names, runs):
        print(f"  {name:14s} wall {statistics.median(w for w, _ in times):.2f}s  "
              f"CPU {statistics.median(c for _, c in times):.2f}s")
    for name, side in zip(names[1:], ratios):
        print(f"  ratio ({name} CPU / floor CPU, median of rounds): {statistics.median(side):.2f}x  "
              f"(rounds: {', '.join(f'{r:.2f}' for r in side)}; target <= 2x)")
    built, scan, cues = part_times()  # (first: it times building the gazetteer)
    print(f"parts, in process over FA-KES: gazetteer automaton built in {built:.2f}s, "
          f"place scan {scan:.2f}s, condition cues {cues:.2f}s")
    with tempfile.TemporaryDirectory() as tmp_dir:
        ours, floor = start_up_times(tmp_dir)
    print(f"start-up, a CSV with no rows (CPU): extractor CLI {ours:.2f}s, pattern floor {floor:.2f}s")
    whole, stages = stage_times()
    print(f"extract over FA-KES in process, CPU {whole:.2f}s: "
          + ", ".join(f"{name} {seconds:.2f}s ({seconds / whole:.0%})" for name, seconds in stages.items()))
    if not args.no_big:
        print("big texts in process (seconds per MB should stay flat):")
        for megabytes, seconds in big_text_times():
            print(f"  {megabytes:5.1f} MB: {seconds:6.2f}s  ({seconds / megabytes:.2f} s/MB)")
        print("one sentence listing counts (CPU seconds per MB should stay flat):")
        for megabytes, items, seconds in adversarial_times():
            print(f"  {megabytes:5.1f} MB, {items:7d} counts: {seconds:6.2f}s  ({seconds / megabytes:.2f} s/MB)")


if __name__ == "__main__":
    main()
