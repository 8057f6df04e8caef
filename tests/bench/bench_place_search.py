"""The place filter's name index on the whole gazetteer: how long it takes to build (once per process, and
after the places change) and to answer the autocomplete and a typed name.

    .venv/bin/python tests/bench/bench_place_search.py            (or `make bench`)

Reads reports/data/places.csv and aliases.csv (no database: the index is built from the same rows
`dashboard.places.place_names()` reads). Target: a keystroke's search well under 50 ms.
"""

import csv
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
os.environ.setdefault("DATABASE_URL", "sqlite://")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from dashboard.places import PlaceNames  # noqa: E402

DATA = ROOT / "reports" / "data"
QUERIES = ["al", "alep", "Aleppo", "حلب", "deir ez", "Idl", "Duma", "kafr n", "Suran", "zzzz"]


def gazetteer_rows():
    aliases = {}
    with open(DATA / "aliases.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases.setdefault(row["pcode"], []).append(row["alias"])
    places = {}
    with open(DATA / "places.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parent = places.get(row["parent"])
            path = f"{parent['path']}/{row['pcode']}" if parent else row["pcode"]
            places[row["pcode"]] = {**row, "path": path}
    rows = []
    for pcode, row in places.items():
        codes = row["path"].split("/")
        rows.append((pcode, row["name_en"], row["name_ar"], "\n".join(aliases.get(pcode, [])), row["level"],
                     codes[1] if len(codes) > 1 else "", row["path"]))
    return rows


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000


def main():
    rows = gazetteer_rows()
    build, _ = timed(lambda: PlaceNames(rows), 3)
    names = PlaceNames(rows)
    print(f"places: {len(rows)}; index build (median of 3): {build:.0f} ms")
    for query in QUERIES:
        median, worst = timed(lambda: names.search(query), 20)
        print(f"search {query!r:12} median {median:6.1f} ms, worst {worst:6.1f} ms, "
              f"{len(names.search(query))} results")
    median, worst = timed(lambda: names.named("Aleppo"), 50)
    print(f"named('Aleppo'): median {median:.2f} ms")
    median, worst = timed(lambda: names.close_to("Alepo"), 5)
    print(f"close_to('Alepo') (unknown names only): median {median:.0f} ms")


if __name__ == "__main__":
    main()
