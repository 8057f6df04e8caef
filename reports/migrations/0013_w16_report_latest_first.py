"""An index in the reports list's order (ReportQuerySet.latest_first: published_on descending, undated last,
then id descending) on PostgreSQL, so that a page of the list is the index's next rows, not a sort of every
report. SQLite cannot index NULLS LAST; nothing there (its lists are small)."""

from django.db import migrations

INDEX = "report_latest_first"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_report "
                              "(published_on DESC NULLS LAST, id DESC)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0012_w14_api_token"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
