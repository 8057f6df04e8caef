"""A feed of 100 new items: seconds from the poll to the last report stored (and extracted).

    .venv/bin/python tests/bench/bench_feeds.py          (or `make bench`)

Serves two RSS feeds on 127.0.0.1 made at run time from 100 FA-KES articles (../shared, never copied
here): one whose items carry their full text, one whose items carry only a summary, so every article
page is fetched and read with trafilatura. Each is polled once (reports/feeds.poll_feed, the function the
worker's task runs) on a throwaway database: SQLite in a temporary folder, or PostgreSQL when
BENCH_FEEDS_DATABASE_URL is set (the database is recreated).
"""

import csv
import html
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="sitrep-bench-feeds-"))
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))


def setup_django():
    url = os.environ.get("BENCH_FEEDS_DATABASE_URL")
    if url:
        import psycopg
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    os.environ["SITREP_FETCH_ALLOW_PRIVATE"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_places", verbosity=0)
    return os.environ["DATABASE_URL"].split(":")[0]


def articles(count, offset):
    with open(SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv", encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("article_content", "").strip()]
    return rows[offset:offset + count]


def main():
    backend = setup_django()
    from django.test import Client

    from reports import feeds
    from reports.models import Feed, Report
    from tests.reports.feed_server import FeedServer, rss

    server = FeedServer()
    print(f"database: {backend}; 100 items per feed")
    for label, offset, summary_only in [("full text in the feed", 0, False),
                                        ("summary only, article pages fetched", 100, True)]:
        items = []
        for n, row in enumerate(articles(100, offset)):
            text = row["article_content"].strip()
            link = f"{server.base}/article/{offset + n}"
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            server.serve(f"/article/{offset + n}",
                         f"<html><body><nav>Home World</nav><article><h1>{html.escape(row['article_title'])}"
                         f"</h1>{paragraphs}</article><footer>All rights reserved</footer></body></html>",
                         headers={"Content-Type": "text/html; charset=utf-8"})
            item = {"guid": f"bench-{offset + n}", "link": link, "title": html.escape(row["article_title"])}
            if summary_only:
                item["description"] = html.escape(text[:160])
            else:
                item["content"] = paragraphs
            items.append(item)
        feed = Feed.objects.create(url=server.serve(f"/feed{offset}.xml", rss(*items)))
        before = Report.objects.count()
        start, cpu = time.perf_counter(), time.process_time()
        result = feeds.poll_feed(feed.pk)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        created = Report.objects.count() - before
        last = Report.objects.latest("id").title
        shown = last in Client(HTTP_HOST="127.0.0.1").get("/reports/").content.decode()
        print(f"{label}: {created} reports stored and extracted in {seconds:.1f} s "
              f"({created / seconds:.1f} reports/s; {cpu:.1f} s of CPU in this process, the rest waiting on "
              f"a busy machine and the server thread; {result.failed} failed; last one on /reports/: {shown})")
    server.close()


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
