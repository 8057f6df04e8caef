"""When PostgreSQL is down or restarting, pages answer 503 (not 500) and the same gunicorn serves again
once it is back, with kept connections (checked at the start of each request) and with the pool. The
restart is done on a PostgreSQL server this test starts itself, never the machine's shared one."""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(database_url):
    """gunicorn serving Sitrep on `database_url` (one worker, two threads, as deployed but smaller); its
    port. The real WSGI handler matters: it checks the kept connections at the start of each request."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(DEBUG="1", DATABASE_URL=database_url)
    log = open(Path(tempfile.gettempdir()) / f"sitrep-outage-{port}.log", "w")  # (read: never a full pipe)
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "sitrep.wsgi", "--bind", f"127.0.0.1:{port}",
                                "--workers", "1", "--threads", "2", "--timeout", "60"],
                               cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def status(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def stop(process):
    process.terminate()
    process.wait(timeout=30)


def test_a_page_answers_503_when_the_database_does_not_answer():
    process, port = serve("postgres://postgres@127.0.0.1:9/nowhere")
    try:
        assert status(port, "/reports/") == 503
        assert status(port, "/export/figures.csv") == 503
    finally:
        stop(process)


class PrivateServer:
    """A throwaway PostgreSQL cluster on a free port, run as the postgres user when we are root."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sitrep-pg-")
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", f"{self.dir}/data", "-A", "trust", "-U", "postgres", "--no-sync")

    def run(self, tool, *args):
        subprocess.run([*self.as_user, f"{PG_BIN[-1]}/{tool}", *args], check=True, capture_output=True, timeout=120)

    def pg_ctl(self, *args):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-w", "-l", f"{self.dir}/log",
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", *args)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def private_server():
    if not PG_BIN:
        pytest.skip("PostgreSQL's server programs are not installed")
    server = PrivateServer()
    server.pg_ctl("start")
    try:
        yield server
    finally:
        subprocess.run([*server.as_user, f"{PG_BIN[-1]}/pg_ctl", "-D", f"{server.dir}/data", "stop", "-m",
                        "immediate"], capture_output=True, timeout=60)
        shutil.rmtree(server.dir, ignore_errors=True)


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
