"""When PostgreSQL is down or restarting, pages answer 503 (not 500) and the same gunicorn serves again
once it is back, with kept connections (checked at the start of each request) and with the pool. The
restart is done on a PostgreSQL server this test starts itself, never the machine's shared one."""

import os
import subprocess
import sys

import pytest

from tests.processes import PG_BIN, ROOT, PrivateServer, serve, status, stop


def test_a_page_answers_503_when_the_database_does_not_answer():
    process, port = serve("postgres://postgres@127.0.0.1:9/nowhere")
    try:
        assert status(port, "/reports/") == 503
        assert status(port, "/export/figures.csv") == 503
    finally:
        stop(process)


@pytest.fixture
def private_server():
    if not PG_BIN:
        pytest.skip("PostgreSQL's server programs are not installed")
    with PrivateServer() as server:
        yield server


@pytest.mark.parametrize("connections", ["", "?pool=true"], ids=["kept connections (default)", "pool"])
def test_the_same_process_serves_again_after_a_database_restart(private_server, connections):
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                             env={**os.environ, "DEBUG": "1", "DATABASE_URL": private_server.url},
                             capture_output=True, text=True, timeout=600)
    assert migrate.returncode == 0, migrate.stderr
    process, port = serve(private_server.url + connections)
    try:
        assert status(port, "/reports/") == 200
        assert status(port, "/reports/") == 200  # both threads hold a connection now
        private_server.pg_ctl("stop", "-m", "fast")
        assert [status(port, "/reports/") for _ in range(3)] == [503] * 3
        private_server.pg_ctl("start")
        assert [status(port, "/reports/") for _ in range(3)] == [200] * 3
        assert status(port, "/export/reports.csv") == 200
    finally:
        stop(process)
