"""Extraction speed: the whole FA-KES CSV through the command line, start-up included; and a 10 MB text.

    .venv/bin/python tests/bench/bench_extraction.py [--repeat N] [--no-big]

Prints reports per second for `python -m reports.extraction --csv FA-KES-Dataset.csv` (the issue's
target: at least 385/s on one core, half a minimal pattern pass's ~770/s), the CPU seconds of the child
process, and the time for 1, 2.5, 5 and 10 MB of report text in process, which must grow linearly
(a catastrophic backtracking shows as a blow-up there).
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"


def cli_run():
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "reports.extraction", "--csv", str(FAKES)],
                               cwd=ROOT, capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return completed.stdout.count(b"\n"), wall, cpu


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
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-big", action="store_true", help="skip the 10 MB linearity run")
    args = parser.parse_args(argv)
    best = None
    for _ in range(args.repeat):
        reports, wall, cpu = cli_run()
        best = min(best or (wall, cpu), (wall, cpu))
    wall, cpu = best
    print(f"FA-KES through the command line: {reports} reports")
    print(f"  wall {wall:.2f}s = {reports / wall:.0f} reports/s; CPU {cpu:.2f}s = {reports / cpu:.0f} reports/s "
          f"on one core (target >= 385/s; best of {args.repeat})")
    if not args.no_big:
        print("big texts in process (seconds per MB should stay flat):")
        for megabytes, seconds in big_text_times():
            print(f"  {megabytes:5.1f} MB: {seconds:6.2f}s  ({seconds / megabytes:.2f} s/MB)")
        print("one sentence listing counts (CPU seconds per MB should stay flat):")
        for megabytes, items, seconds in adversarial_times():
            print(f"  {megabytes:5.1f} MB, {items:7d} counts: {seconds:6.2f}s  ({seconds / megabytes:.2f} s/MB)")


if __name__ == "__main__":
    main()
