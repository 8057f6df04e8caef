"""An import outlives its database connection being cut (a PostgreSQL restart, a failover): the item that
met the dead connection is tried again on a new connection, nothing fails, nothing is stored twice.
(tests/bench/bench_load.py restarts a real PostgreSQL under load with an import running.)"""

import io

import psycopg
import pytest
from django.db import connection

from reports.ingest import import_paths
from reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = [
    "date 2016-09-27\nShelling killed 4 people in Kafr Nabl on Sunday, residents said.",
    "date 2016-09-28\nAn air strike injured 7 civilians in Saraqib, a rescue worker said.",
    "date 2016-09-29\nThree people were killed by a car bomb in Azaz on Thursday.",
]


def cut_our_connection():
    """Have the server end this process's database session, as a restart does."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]


def test_an_import_goes_on_after_its_connection_is_cut(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a server ending the session is PostgreSQL's")
    for number, text in enumerate(TEXTS):
        (tmp_path / f"{number}.txt").write_text(text)
    cut_our_connection()
    out = io.StringIO()
    summary = import_paths([tmp_path], out=out)
    assert (summary.read, summary.created, summary.failed) == (3, 3, 0), out.getvalue()
    assert sorted(str(day) for day in Report.objects.values_list("published_on", flat=True)) == [
        "2016-09-27", "2016-09-28", "2016-09-29"]

    cut_our_connection()
    again = import_paths([tmp_path])
    assert (again.created, again.unchanged, again.failed) == (0, 3, 0)
    assert Report.objects.count() == 3
