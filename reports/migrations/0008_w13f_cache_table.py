"""The database cache's table (settings.CACHES by default), made with the schema so that every database
Sitrep migrates, test databases included, has it. Nothing to do when the cache is Redis."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_w13f_feeds")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
