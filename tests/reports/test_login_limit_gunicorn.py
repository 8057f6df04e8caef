"""Login limits hold across gunicorn's worker processes: the attempts are counted in the database that
every worker shares, so a guesser spreading requests over the workers gets no more tries than the limit.

Runs gunicorn with 3 workers (the project's gunicorn.conf.py) on a free 127.0.0.1 port against the
PostgreSQL test database; on SQLite it is skipped (an in-memory test database cannot be shared)."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn():
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn's workers share the PostgreSQL test database (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    url = (f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}?pool=false")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "GUNICORN_BIND": f"127.0.0.1:{port}",
           "GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "1", "SITREP_LOGIN_ATTEMPTS": "3",
           "SITREP_LOGIN_ATTEMPTS_PER_ADDRESS": "8"}  # small: each checked guess costs a PBKDF2 hash
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "sitrep.wsgi"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def guesses(port, usernames):
    """POST one bad login per username, each on a new connection (the kernel spreads them over the
    workers); returns how many were refused as locked out, before any password check."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/admin/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    conn.close()
    refused = 0
    for username in usernames:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", "/admin/login/", urlencode({
            "csrfmiddlewaretoken": token, "username": username, "password": "not-the-password", "next": "/admin/"}),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"})
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        assert response.status in (200, 429), response.status
        refused += response.status == 429 and "Too many failed login attempts" in body
    return refused


def checked_passwords():
    """Guesses whose password was checked: axes logs each failed check, never a refused attempt."""
    from axes.models import AccessFailureLog

    return AccessFailureLog.objects.count()


def test_one_username_gets_no_more_guesses_than_the_limit_across_workers(gunicorn):
    refused = guesses(gunicorn, ["editor"] * 60)
    assert (checked_passwords(), refused) == (3, 60 - 3)


def test_one_address_gets_no_more_guesses_than_its_limit_across_workers(gunicorn):
    refused = guesses(gunicorn, [f"someone{n}" for n in range(60)])
    assert (checked_passwords(), refused) == (8, 60 - 8)
