"""Loading the shipped OCHA gazetteer into Place rows, and handing Place rows to the extractor.

The files in reports/data/ come from ../shared/data/gazetteer/ (scripts/build_places.py);
named_areas.json and aliases.csv are the project's own additions (named areas such as
eastern Aleppo, and other spellings of names).
"""

import json

from django.db import transaction

from .extraction.gazetteer import DATA_DIR, read_place_rows
from .models import Place


def read_boundaries(data_dir=DATA_DIR):
    boundaries = {}
    for level in (1, 2, 3):
        path = data_dir / "boundaries" / f"adm{level}.geojson"
        for feature in json.loads(path.read_text("utf-8"))["features"]:
            boundaries[feature["properties"]["pcode"]] = feature["geometry"]
    return boundaries


@transaction.atomic
def load_places(data_dir=DATA_DIR):
    """Create or update every place; idempotent. Aliases typed by analysts in the admin are kept.

    Returns (created, updated) counts.
    """
    boundaries = read_boundaries(data_dir)
    existing = {p.pcode: p for p in Place.objects.all()}
    by_pcode = dict(existing)
    created = updated = 0
    waiting = []
    for row in read_place_rows(data_dir):
        parent = by_pcode.get(row["parent"]) if row["parent"] else None
        if parent is not None and parent.pk is None:  # its parent is still waiting to be inserted
            _insert(waiting)
        place = existing.get(row["pcode"]) or Place(pcode=row["pcode"])
        shipped_aliases = row["aliases"]
        kept = [a for a in place.alias_list if a not in shipped_aliases] if place.pk else []
        values = {
            "name_en": row["name_en"], "name_ar": row["name_ar"], "level": row["level"], "parent": parent,
            "aliases": "\n".join(shipped_aliases + kept),
            "latitude": float(row["latitude"]) if row["latitude"] else None,
            "longitude": float(row["longitude"]) if row["longitude"] else None,
            "boundary": boundaries.get(row["pcode"]),
        }
        before = _snapshot(place) if place.pk else None
        for field, value in values.items():
            setattr(place, field, value)
        place.compute_path()
        if place.pk is None:
            waiting.append(place)  # inserted in bulk, a level at a time (rows come parents first)
            created += 1
        elif _snapshot(place) != before:
            place.save()
            updated += 1
        by_pcode[place.pcode] = place
    _insert(waiting)
    return created, updated


def _insert(places):
    """Insert new places in bulk (their primary keys come back, for their children) and empty the list.
    New places change no figure's place, so no summary is marked stale by them."""
    Place.objects.bulk_create(places, batch_size=500)
    places.clear()


def _snapshot(place):
    return (place.name_en, place.name_ar, place.level, place.parent_id, place.aliases, place.latitude,
            place.longitude, json.dumps(place.boundary, sort_keys=True), place.path)


def gazetteer_from_places():
    """The extractor's gazetteer built from Place rows, so aliases added in the admin count."""
    from .extraction import Gazetteer

    rows = Place.objects.values_list("pcode", "level", "parent__pcode", "name_en", "name_ar", "aliases")
    return Gazetteer(
        {"pcode": pcode, "level": level, "parent": parent or "", "name_en": name_en, "name_ar": name_ar,
         "aliases": [a.strip() for a in aliases.splitlines() if a.strip()]}
        for pcode, level, parent, name_en, name_ar, aliases in rows
    )
