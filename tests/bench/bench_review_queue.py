"""Time the review queue's first page (filters and order by impact) on the million-indicator bench database.

    .venv/bin/python tests/bench/bench_review_queue.py            (or `make bench`)

Uses BENCH_DATABASE_URL and fills it as bench_summaries.py does (100,000 reports, 1,000,000 indicators,
about 85% of them unreviewed) when it is empty. Times review.review_queue()'s first page of 20 (the
count and the rows, as the queue's paginator asks them) for the whole queue and for common filters;
a queue longer than review.IMPACT_LIMIT is shown by size, and the last line times ranking it anyway.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import bench_summaries as bench  # noqa: E402

RUNS = 5


def main():
    bench.create_database()
    bench.setup_django()
    from django.core.management import call_command
    from django.core.paginator import Paginator

    from reports import review
    from reports.models import Indicator, Place
    from reports.places import load_places

    call_command("migrate", verbosity=0)
    if not Place.objects.exists():
        load_places()
    if not bench.filled():
        bench.fill()
    print(f"database: {bench.URL} ({Indicator.objects.count():,} indicators, "
          f"{Indicator.objects.filter(status='unreviewed').count():,} unreviewed)")

    def first_page(**filters):
        queue = review.review_queue(**filters)
        page = Paginator(queue, 20).get_page(1)
        return page.paginator.count, queue.by_size

    cases = {
        "place Jebel Saman (SY0200), killed": dict(places=review.places_named("SY0200"), kind="killed"),
        "place Idleb governorate": dict(places=review.places_named("Idleb")),
        "place Idleb governorate, injured": dict(places=review.places_named("Idleb"), kind="injured"),
        "one report": dict(report=Indicator.objects.values_list("report_id", flat=True).first()),
        "flagged (any flag)": dict(flag="any"),
        "whole queue": {},
        "whole queue ranked by impact regardless of its length": dict(impact_limit=10**9),
    }
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, filters in cases.items():
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            count, by_size = first_page(**filters)
            times.append((time.perf_counter() - t0) * 1000)
        order = "by size (over the impact limit)" if by_size else "by impact"
        print(f"review queue, {name}: {count:,} items {order}, first page median {statistics.median(times):.0f} ms")


if __name__ == "__main__":
    main()
