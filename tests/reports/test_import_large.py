"""A 100 MB file is streamed: memory stays bounded by the largest row, not by the file."""

import csv
import io
import tracemalloc

import pytest

from reports.ingest import import_paths
from reports.models import Report

pytestmark = pytest.mark.django_db

FILE_SIZE = 100 * 1024 * 1024
PROSE = "Shelling killed 4 people in the village of Kafr Nabl on Sunday, residents said. "


def big_csv(path):
    """A feed re-sending one 200 KB item again and again between new items, with one bad row.

    The repeated body is made of long tokens rather than prose only to keep hashing each repeat cheap
    under tracemalloc (which slows every small allocation); the reader still sees every byte.
    """
    repeated = " ".join(f"{i:06d}" + "x" * 90 for i in range(2000))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "body", "published_on", "source", "url"])
        writer.writerow(["first", "A first report. " + PROSE * 20, "2017-01-01", "AFP", ""])
        rows = 0
        while handle.tell() < FILE_SIZE:
            writer.writerow([f"copy {rows}", repeated, "2017-01-02", "AFP", ""])
            rows += 1
            if rows == 100:
                writer.writerow(["bad", PROSE, "2017-31-31", "AFP", ""])
        writer.writerow(["last", "A last report. " + PROSE * 20, "2017-01-03", "AFP", ""])
    return rows


def test_a_100_mb_csv_is_imported_in_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    repeats = big_csv(path)
    assert path.stat().st_size >= FILE_SIZE
    out = io.StringIO()
    tracemalloc.start()
    try:
        summary = import_paths([path], out=out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (summary.read, summary.created, summary.unchanged, summary.failed) == (repeats + 3, 3, repeats - 1, 1)
    assert out.getvalue().startswith(f"{path}, row 102: date '2017-31-31' is not a date")
    assert sorted(Report.objects.values_list("title", flat=True)) == ["copy 0", "first", "last"]
    # The largest row is about 200 KB; a reader holding the file would need 100 MB or more.
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
