"""Time the district timeline and the all-districts summary for a one-year window on PostgreSQL.

    .venv/bin/python tests/bench/bench_summaries.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench): creates the database
if missing, migrates it, loads the gazetteer and, once, fills it with COPY with a synthetic load shaped
like the real one: 100,000 reports and 1,000,000 indicators over five years (2014-2018) in every
district, busy districts busier; each report tells 5-6 incident figures (half of them incidents other
reports also tell, at the same or a containing place, with differing values and qualifiers; 30% without
their own date), one cumulative total, sometimes a trapped estimate, and three conditions; about 15% of
indicators reviewed, 2% rejected, 1% of reports confirmed duplicates, 1% undated. Later runs reuse it.

Prints the median of several runs of each call, with the page's own IndicatorFilter narrowing the
indicators as the views do. Target: 300 ms each.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sitrep_bench")
REPORTS = 100_000
PER_REPORT = 10  # 1,000,000 indicators
FIRST_DAY, DAYS = datetime.date(2014, 1, 1), 5 * 365
WINDOW = ("2017-01-01", "2017-12-31")
DISTRICT = "SY0200"  # Jebel Saman (Aleppo city), the busiest
RUNS = 7
MARK = "Synthetic bench report"
SECTORS = ["water", "food", "health", "electricity", "communications", "shelter", "access"]
BUSY = {"SY02": 6, "SY07": 5, "SY03": 5, "SY09": 3, "SY11": 3, "SY04": 3, "SY12": 3, "SY01": 2, "SY05": 2}


def create_database():
    import psycopg

    parts = urlsplit(URL)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    os.environ["DATABASE_URL"] = URL + ("&" if "?" in URL else "?") + "pool=false"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    import django

    django.setup()


def filled():
    from reports.models import Indicator, Report

    return (Report.objects.filter(title__startswith=MARK).count() >= REPORTS
            and Indicator.objects.filter(report__title__startswith=MARK).count() >= REPORTS * PER_REPORT)


def fill():
    from django.db import connection

    from reports.models import Indicator, Place, Report, Source

    Indicator.objects.filter(report__title__startswith=MARK).delete()
    Report.objects.filter(title__startswith=MARK).delete()
    rng = random.Random(4)
    sources = [Source.objects.get_or_create(name=f"Bench outlet {i}")[0].pk for i in range(40)]
    # Places by district: where incidents happen (communities, neighbourhoods) and what contains them.
    places = list(Place.objects.values_list("pk", "parent_id", "level", "admin1_pcode", "admin2_pcode"))
    parent_of = {pk: parent for pk, parent, *_ in places}
    level_of = {pk: level for pk, _p, level, *_ in places}
    inner, admin1_of, district_ids = {}, {}, {}
    for pk, _parent, level, admin1, admin2 in places:
        if level == "admin2":
            district_ids[admin2] = pk
            admin1_of[admin2] = admin1
        if admin2 and level in ("community", "neighbourhood", "admin3", "area"):
            inner.setdefault(admin2, []).append(pk)
    districts = sorted(inner)
    weights = [BUSY.get(admin1_of[d], 1) for d in districts]
    admin1_ids = dict(Place.objects.filter(level="admin1").values_list("pcode", "pk"))
    now = "2026-01-01 00:00:00+00"

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor, for COPY
        start_id = raw.execute("SELECT coalesce(max(id), 0) FROM reports_report").fetchone()[0]
        report_rows = []
        with raw.copy("COPY reports_report (title, body, published_on, publisher_id, url, language, content_hash,"
                      " duplicate_status, created, modified) FROM STDIN") as copy:
            for i in range(REPORTS):
                day = FIRST_DAY + datetime.timedelta(days=i * DAYS // REPORTS)
                published = None if rng.random() < 0.01 else day
                district = rng.choices(districts, weights)[0]
                report_rows.append((day, published, district))
                copy.write_row((f"{MARK} {i}", f"Body of synthetic report {i}.", published, rng.choice(sources),
                                "", "en", f"bench-summaries-{i:048d}",
                                "confirmed" if rng.random() < 0.01 else "", now, now))
        report_ids = [row[0] for row in raw.execute(
            "SELECT id FROM reports_report WHERE id > %s AND title LIKE %s ORDER BY id", [start_id, MARK + "%"])]
        events = {}  # district -> recent incidents other reports may retell
        kinds = ["killed"] * 5 + ["injured"] * 4 + ["displaced", "missing"]
        groups = ["people"] * 12 + ["civilians"] * 5 + ["combatants", "children", "children", "women"]
        qualifiers = ["exact"] * 5 + ["at_least"] * 3 + ["about", "more_than", "up_to", "vague"]
        statuses = ["unreviewed"] * 83 + ["verified"] * 12 + ["corrected"] * 3 + ["rejected"] * 2

        def figure(report_id, kind, group, value, qualifier, cumulative, since, date, place, source, status):
            low = value if qualifier in ("at_least", "more_than") else None
            high = value + value // 10 if qualifier == "about" else None
            original = '{"value": %d}' % (value + 1) if status == "corrected" else None
            # day: the figure's date, else its report's (Indicator.day), as Indicator.save() sets it.
            return (report_id, kind, group, value, low, high, qualifier, "people", cumulative, since, None, date,
                    date or published, place, source, f"{value} {kind}", 0, 10, "extracted", status, original,
                    "bench", now, now)

        with raw.copy('COPY reports_indicator (report_id, kind, "group", value, low, high, qualifier, unit,'
                      " cumulative, since, severity, date, day, place_id, source_id, quote, start, \"end\", origin,"
                      " status, original, extractor_version, created, modified) FROM STDIN") as copy:
            for report_id, (day, published, district) in zip(report_ids, report_rows, strict=True):
                pool = events.setdefault(district, [])
                source = rng.choice(sources) if rng.random() < 0.6 else None
                for slot in range(PER_REPORT):
                    status = rng.choice(statuses)
                    if slot < 6 and not (slot == 5 and rng.random() < 0.3):
                        recent = [e for e in pool[-20:] if (day - e[0]).days <= 3]
                        if recent and rng.random() < 0.5:
                            event_day, kind, group, place, true_value = rng.choice(recent)
                        else:
                            event_day = day - datetime.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
                            kind, group = rng.choice(kinds), rng.choice(groups)
                            place = rng.choice(inner[district])
                            true_value = max(1, int(rng.lognormvariate(1.5, 1.2)))
                            pool.append((event_day, kind, group, place, true_value))
                            del pool[:-40]
                        # Retold at a containing place now and then, with a value a little off.
                        if rng.random() < 0.25 and level_of[place] in ("neighbourhood", "community"):
                            place = parent_of[place]
                        value = max(1, true_value + rng.choice((0, 0, 0, -1, 1, 2, -2, 5)))
                        copy.write_row(figure(report_id, kind, group, value, rng.choice(qualifiers), False, "",
                                              event_day if rng.random() < 0.7 else None, place, source, status))
                    elif slot == 5:
                        copy.write_row(figure(report_id, "trapped", "civilians", rng.randint(5_000, 300_000),
                                              "about", False, "", None, rng.choice(inner[district]), source,
                                              status))
                    elif slot == 6:
                        place = rng.choice((district_ids[district], admin1_ids[admin1_of[district]]))
                        copy.write_row(figure(report_id, rng.choice(("killed", "displaced")), "people",
                                              rng.randint(100, 50_000), "exact", True, "since January", None,
                                              place, source, status))
                    else:
                        copy.write_row((report_id, rng.choice(SECTORS), "", None, None, None, "", "", False, "",
                                        rng.randint(2, 5), None, published, rng.choice(inner[district]), source,
                                        "condition", 0, 9, "extracted", status, None, "bench", now, now))
        raw.execute("ANALYZE")
    print(f"filled: {REPORTS:,} reports and {REPORTS * PER_REPORT:,} indicators in {time.perf_counter() - t0:.0f} s")


def ready():
    """The bench database as every benchmark that reads it wants it: created, migrated (the cache table too),
    the gazetteer loaded, filled once, and its stored daily totals current."""
    create_database()
    setup_django()
    from django.core.management import call_command

    from dashboard import summaries
    from reports.models import Place
    from reports.places import load_places

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Place.objects.exists():
        load_places()
    if not filled():
        fill()
        summaries.rebuild_day_totals()  # COPY sends no signal: every day's totals are computed afresh
    summaries.refresh_day_totals()


def median_ms(call):
    call()  # warm: connection, plans, caches
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def main():
    create_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from dashboard import summaries
    from dashboard.filters import IndicatorFilter
    from dashboard.models import DayTotal
    from reports.models import Indicator, Place
    from reports.places import load_places

    call_command("migrate", verbosity=0)
    if not Place.objects.exists():
        load_places()
    if not filled():
        fill()
        rebuilt = True  # COPY sends no signal: every day's stored totals are computed afresh
    else:
        rebuilt = False
    t0 = time.perf_counter()
    days = summaries.rebuild_day_totals() if rebuilt else summaries.refresh_day_totals()
    print(f"stored daily totals: {days:,} days {'rebuilt' if rebuilt else 'refreshed'} in "
          f"{time.perf_counter() - t0:.1f} s ({DayTotal.objects.count():,} rows)")
    # What a reviewer's decision costs the next reader: one busy day recomputed.
    from dashboard.summaries.stored import mark_days

    busy = datetime.date(2017, 6, 15)
    times = []
    for _ in range(RUNS):
        mark_days([busy])
        t0 = time.perf_counter()
        summaries.refresh_day_totals()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"one stale day refreshed ({Indicator.objects.filter(day=busy).count():,} figures that day): "
          f"median {statistics.median(times):.0f} ms")
    print(f"database: {URL} ({Indicator.objects.count():,} indicators)")

    def narrowed(**params):
        """The page's filter, as the views give it to the summaries (which read stored totals from it)."""
        return IndicatorFilter({"date_after": WINDOW[0], "date_before": WINDOW[1], **params},
                               queryset=Indicator.objects.all())

    end = datetime.date.fromisoformat(WINDOW[1])
    calls = {
        f"district timeline ({DISTRICT}, {WINDOW[0]}..{WINDOW[1]})": lambda: summaries.timeline(
            narrowed(place=DISTRICT)),
        "all-districts summary (one year)": lambda: summaries.district_summary(narrowed(), as_of=end),
        "all-districts summary (one year), from the figures (no stored totals)": lambda: summaries.district_summary(
            narrowed().qs, as_of=end),
        f"district timeline ({DISTRICT}), from the figures (no stored totals)": lambda: summaries.timeline(
            narrowed(place=DISTRICT).qs),
        f"district headline ({DISTRICT})": lambda: summaries.headline(narrowed(place=DISTRICT)),
        f"district condition strips ({DISTRICT})": lambda: summaries.condition_days(
            narrowed(place=DISTRICT), start=datetime.date.fromisoformat(WINDOW[0]), end=end),
        f"district incidents list ({DISTRICT})": lambda: summaries.incidents(narrowed(place=DISTRICT)),
    }
    only = sys.argv[1:]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows every figure)")
    # The connection plans for solid-state storage (sitrep/settings.py sets random_page_cost 1.1 unless
    # DATABASE_URL says otherwise); shown so that the figures can be read with it.
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        print(f"-- random_page_cost = {cursor.fetchone()[0]}")
    for label, call in calls.items():
        if only and not any(word in label for word in only):
            continue
        median, low, high = median_ms(call)
        reset_queries()
        print(f"{label}: median {median:.0f} ms (min {low:.0f}, max {high:.0f}; {RUNS} runs; target 300 ms)")
    connection.close()


if __name__ == "__main__":
    main()
