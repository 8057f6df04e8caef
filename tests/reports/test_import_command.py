"""manage.py import_reports: a one-line summary, and a failing exit status when anything failed."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import Report

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_import_prints_a_summary_line(seed_paths):
    out = io.StringIO()
    call_command("import_reports", *map(str, seed_paths), stdout=out)
    assert out.getvalue() == "reports: read 2, created 2, unchanged 0, failed 0\n"


def test_import_with_a_failure_names_it_and_fails(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Shelling killed 4 people in Kafr Nabl on Sunday, residents said.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 item"):
        call_command("import_reports", str(good), str(empty), stdout=out, stderr=err)
    assert out.getvalue() == "reports: read 2, created 1, unchanged 0, failed 1\n"
    assert err.getvalue() == f"{empty}: empty file\n"
    assert Report.objects.count() == 1


def test_date_option_must_be_a_date(tmp_path):
    with pytest.raises(CommandError, match="--date"):
        call_command("import_reports", str(tmp_path), "--date", "yesterday")


def test_exit_status_is_non_zero_when_anything_failed(tmp_path):
    # The real process exit status, as make and CI see it (on a throwaway SQLite database).
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run([sys.executable, "manage.py", "import_reports", str(empty)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "read 1, created 0, unchanged 0, failed 1" in result.stdout
    assert f"{empty}: empty file" in result.stderr
