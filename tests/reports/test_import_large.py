"""A 100 MB file is streamed: memory stays bounded by the largest row, not the file."""

import csv
import io
import tracemalloc

import pytest

from reports.ingest import import_paths
from reports.models import Report

pytestmark = pytest.mark.django_db

FILE_SIZE = 100 * 1024 * 1024


def big_csv(path):
    # One wire story of about 200 KB repeated (a feed that re-sends its backlog) and two distinct rows:
    # every byte of the file goes through the reader, and only three reports are new.
    paragraph = ("Shelling killed 4 people in the village of Kafr Nabl on Sunday, residents said. "
                 "The only bakery in the district closed after flour ran out. ")
    story = "\n".join(f"{i} {paragraph}" for i in range(1400))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "body", "published_on", "source", "url"])
        writer.writerow(["first", "A different opening. " + story[:5000], "2017-01-01", "AFP", ""])
        rows = 0
        while handle.tell() < FILE_SIZE:
            writer.writerow([f"copy {rows}", story, "2017-01-02", "AFP", ""])
            rows += 1
        writer.writerow(["last", "A different ending. " + story[:5000], "2017-01-03", "AFP", ""])
    return rows + 2


def test_a_100_mb_csv_is_imported_in_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    rows = big_csv(path)
    assert path.stat().st_size >= FILE_SIZE
    tracemalloc.start()
    try:
        summary = import_paths([path], out=io.StringIO())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (summary.read, summary.created, summary.unchanged, summary.failed) == (rows, 3, rows - 3, 0)
    assert Report.objects.count() == 3
    # The largest row is about 200 KB; a reader holding the file would need 100 MB or more.
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
