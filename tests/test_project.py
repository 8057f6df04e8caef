"""The project's configuration: settings from the environment, the compose file, the health check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_django(code, **env):
    """Run Python code with Django set up, in a fresh process with exactly these settings."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    full_env.update(env)
    script = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sitrep.settings'); django.setup()\n" + code
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=120)


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_django("print('started')", DEBUG="0", DATABASE_URL="sqlite://")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = run_django("from django.conf import settings; print(settings.DEBUG)", DEBUG="0",
                        SECRET_KEY="x" * 50, DATABASE_URL="sqlite://")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_settings_start_without_secret_key():
    result = run_django("print('started')", DEBUG="1", DATABASE_URL="sqlite://")
    assert result.returncode == 0, result.stderr


def test_postgres_url_uses_psycopg_with_kept_connections_checked_per_request():
    result = run_django(
        "import json; from django.conf import settings; d = settings.DATABASES['default'];"
        "print(json.dumps([d['ENGINE'], d['NAME'], d['USER'], d['PASSWORD'], d['HOST'], d['PORT'], 'pool' in d['OPTIONS'],"
        " d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))",
        DEBUG="1", DATABASE_URL="postgres://sitrep:s%40cret@db.example:6543/sitrep")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["django.db.backends.postgresql", "sitrep", "sitrep", "s@cret",
                                         "db.example", "6543", False, 600, True]


def test_postgres_url_with_pool_true_uses_the_connection_pool():
    result = run_django(
        "import json; from django.conf import settings; d = settings.DATABASES['default'];"
        "print(json.dumps(['pool' in d['OPTIONS'], d['CONN_MAX_AGE']]))",
        DEBUG="1", DATABASE_URL="postgres://sitrep@db.example:6543/sitrep?pool=true")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, 0]


def test_default_database_is_a_sqlite_file_under_var():
    result = run_django("from django.conf import settings; print(settings.DATABASES['default']['NAME'])", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == ROOT / "var" / "sitrep.sqlite3"


def test_unknown_database_scheme_is_a_clear_error():
    result = run_django("", DEBUG="1", DATABASE_URL="mysql://root@localhost/x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "mysql" in result.stderr


def test_compose_file_follows_the_compose_specification():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_sends_cookies_only_over_https_unless_told_otherwise():
    from ruamel.yaml import YAML

    compose = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["web"]["environment"]["SECURE_COOKIES"] == "${SECURE_COOKIES:-1}"


def test_compose_web_waits_for_a_healthy_database():
    # The compose file is YAML; the subset used here is plain enough to read with check-jsonschema's ruamel.
    from ruamel.yaml import YAML

    compose = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["db"]["image"] == "postgres:16"
    assert "healthcheck" in compose["services"]["db"]
    assert compose["services"]["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert any(volume.startswith("pgdata:") for volume in compose["services"]["db"]["volumes"])
    assert compose["services"]["web"]["build"] == "."


def test_compose_worker_runs_db_worker_on_the_same_database_and_can_be_scaled():
    from ruamel.yaml import YAML

    services = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())["services"]
    worker = services["worker"]
    assert worker["command"][:3] == ["python", "manage.py", "db_worker"] and "--no-reload" in worker["command"]
    assert worker["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    # `--scale worker=4` needs no fixed name and no published port.
    assert "container_name" not in worker and "ports" not in worker


@pytest.mark.django_db
def test_healthz_answers_ok_after_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_down():
    code = (
        "from django.test import Client; from django.conf import settings;"
        "settings.ALLOWED_HOSTS.append('testserver');"
        "r = Client().get('/healthz'); print(r.status_code)"
    )
    result = run_django(code, DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:9/nowhere?pool=false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503"
