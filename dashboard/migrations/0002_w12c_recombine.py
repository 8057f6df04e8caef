"""The combining rule changed (summaries rule 3: a figure told for a containing place no longer lowers
the sum beneath it): every stored daily total was computed by the old rule, so every day with an
indicator is marked stale and the next page (or `refresh_summaries`) recomputes it."""

from django.db import migrations


def mark_every_day(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    StaleDay = apps.get_model("dashboard", "StaleDay")
    days = Indicator.objects.filter(day__isnull=False).values_list("day", flat=True).distinct().order_by()
    StaleDay.objects.bulk_create([StaleDay(day=day) for day in days], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_day_totals"),
    ]

    operations = [
        migrations.RunPython(mark_every_day, migrations.RunPython.noop),
    ]
