"""A GIN index for the dashboard's report search (`q`) on PostgreSQL; nothing elsewhere.

The indexed expression is exactly the one dashboard/filters.py's text_search_reports() sends
(SearchVector("title", "body", config="english")), so the planner matches the query to it. If that
expression changes, this index must change with it.
"""

from django.db import migrations

INDEX = "reports_report_search_gin"
EXPRESSION = "to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(body, ''))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_report USING GIN (({EXPRESSION}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_indicator_day'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
