"""`manage.py run_scheduler` as a real process on the PostgreSQL test database: it claims a new feed's
poll on its first pass (so a new feed is polled within a minute) and stops cleanly on SIGTERM."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from reports.models import Feed

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scheduler():
    if connection.vendor != "postgresql":
        pytest.skip("the scheduler process shares the PostgreSQL test database (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    url = (f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}?pool=false")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", "1"], cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_the_scheduler_claims_a_new_feed_on_its_next_pass_and_stops_on_sigterm(scheduler):
    # An address nobody serves: what is tested is the claim, whichever task backend runs the poll.
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml", every_minutes=15)
    added = timezone.now()
    for _ in range(600):
        feed.refresh_from_db()
        if feed.next_poll_at > added + datetime.timedelta(minutes=5):
            break
        assert scheduler.poll() is None, scheduler.stderr.read().decode()[-2000:]
        time.sleep(0.1)
    assert feed.next_poll_at > added + datetime.timedelta(minutes=5)
    scheduler.send_signal(signal.SIGTERM)
    assert scheduler.wait(timeout=30) == 0
