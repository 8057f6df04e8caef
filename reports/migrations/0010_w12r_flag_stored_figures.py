"""Plausibility flags for the figures stored before flags existed (later ones get them from ingest).

The same pure functions as ingest (reports/plausibility.py), report by report; `manage.py flag_figures`
does the same at any time."""

from django.db import migrations

from reports import plausibility
from reports.extraction import Gazetteer


def flag_stored_figures(apps, schema_editor):
    Place = apps.get_model("reports", "Place")
    Report = apps.get_model("reports", "Report")
    Indicator = apps.get_model("reports", "Indicator")
    # (the extractor's gazetteer from the Place rows, as reports.places.gazetteer_from_places builds it)
    gazetteer = Gazetteer(
        {"pcode": pcode, "level": level, "parent": parent or "", "name_en": en, "name_ar": ar,
         "aliases": aliases.splitlines()}
        for pcode, level, parent, en, ar, aliases in
        Place.objects.values_list("pcode", "level", "parent__pcode", "name_en", "name_ar", "aliases"))
    reports = Report.objects.filter(indicators__isnull=False).distinct().order_by("pk")
    for report in reports.only("pk", "title", "body", "published_on").iterator(chunk_size=200):
        named = plausibility.governorates_named(f"{report.title}\n{report.body}", gazetteer)
        changed = []
        rows = Indicator.objects.filter(report_id=report.pk).select_related("place").only(
            "pk", "kind", "value", "cumulative", "date", "flags", "place__admin1_pcode")
        for indicator in rows:
            flags = plausibility.join_flags(plausibility.figure_flags(
                kind=indicator.kind, value=indicator.value, cumulative=indicator.cumulative, date=indicator.date,
                report_date=report.published_on,
                governorate=indicator.place.admin1_pcode if indicator.place_id else None, governorates_named=named))
            if flags != indicator.flags:
                indicator.flags = flags
                changed.append(indicator)
        Indicator.objects.bulk_update(changed, ["flags"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [("reports", "0009_w12r_flags_cap_visits")]

    operations = [migrations.RunPython(flag_stored_figures, migrations.RunPython.noop)]
