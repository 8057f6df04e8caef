"""Real processes for the tests and benchmarks that need them: a private PostgreSQL cluster (never the
machine's shared server) and gunicorn serving Sitrep. Used by tests/test_database_outage.py and
tests/bench/bench_load.py, tests/bench/bench_exports.py."""

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

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(database_url, *, workers=1, threads=2, debug=True, env=None, log_name="sitrep-gunicorn"):
    """gunicorn serving Sitrep on `database_url`; (process, port) once it accepts connections. The real
    WSGI handler matters: it checks the kept connections at the start of each request. With
    `debug=False` it runs with production settings (DEBUG unset, a SECRET_KEY of its own)."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment["DATABASE_URL"] = database_url
    if debug:
        environment["DEBUG"] = "1"
    else:
        environment["SECRET_KEY"] = "sitrep-test-server-" + os.urandom(8).hex()
    environment.update(env or {})
    log = open(Path(tempfile.gettempdir()) / f"{log_name}-{port}.log", "w")  # (read: never a full pipe)
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "sitrep.wsgi", "--bind", f"127.0.0.1:{port}",
                                "--workers", str(workers), "--threads", str(threads), "--timeout", "300",
                                "--config", "/dev/null"],
                               cwd=ROOT, env=environment, stdout=log, stderr=log)
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"gunicorn did not start (see {log.name})")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(process, expected):
    """The pids of a gunicorn master's `expected` workers once all are running (Linux /proc)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids = [int(pid) for pid in children.read_text().split()]
        if len(pids) >= expected:
            return pids
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn started {len(pids)} of {expected} workers")


def status(port, path, timeout=30):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class PrivateServer:
    """A throwaway PostgreSQL cluster on a free port, run as the postgres user when we are root.
    `with PrivateServer() as server:` starts it and always stops and removes it."""

    def __init__(self):
        if not PG_BIN:
            raise RuntimeError("PostgreSQL's server programs are not installed")
        self.dir = tempfile.mkdtemp(prefix="sitrep-pg-")
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", f"{self.dir}/data", "-A", "trust", "-U", "postgres", "--no-sync")

    def run(self, tool, *args, timeout=120):
        subprocess.run([*self.as_user, f"{PG_BIN[-1]}/{tool}", *args], check=True, capture_output=True,
                       timeout=timeout)

    def pg_ctl(self, *args):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-w", "-l", f"{self.dir}/log",
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", *args)

    def remove(self):
        subprocess.run([*self.as_user, f"{PG_BIN[-1]}/pg_ctl", "-D", f"{self.dir}/data", "stop", "-m",
                        "immediate"], capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        self.pg_ctl("start")
        return self

    def __exit__(self, *exc):
        self.remove()

    def url_of(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def url(self):
        return self.url_of("postgres")
