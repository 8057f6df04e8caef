"""Rebuild reports/data/ from the OCHA Syria gazetteer in ../shared/data/gazetteer/.

The repository ships the result, so this runs only when the gazetteer changes:

    python reports/data/build_places.py ../shared/data/gazetteer

It writes places.csv (one row per place: pcode, level, parent, names, centroid)
and boundaries/adm{1,2,3}.geojson (P-code and geometry only, coordinates rounded
to 5 decimals, about 1 m). Source quirks handled here: stray spaces around cells,
"<Null>" cells, and Excel-serial versus dd/mm/yyyy dates (dates are not kept).
Attribution: United Nations Cartographic Section and UN OCHA (2018-06-27).
"""

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
FIELDS = ["pcode", "level", "parent", "name_en", "name_ar", "ref_name", "latitude", "longitude"]


def clean(value):
    value = (value or "").strip()
    return "" if value == "<Null>" else value


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key.strip(): clean(value) for key, value in row.items() if key}


def build(src):
    places = [{"pcode": "SY", "level": "country", "parent": "", "name_en": "Syria",
               "name_ar": "سوريا", "ref_name": "Syrian Arab Republic", "latitude": "", "longitude": ""}]
    for row in rows(src / "syr_admin_180627_admin1.csv"):
        places.append({"pcode": row["admin1Pcode"], "level": "admin1", "parent": "SY",
                       "name_en": row["admin1Name_en"], "name_ar": row["admin1Name_ar"],
                       "ref_name": row["admin1RefName"]})
    for row in rows(src / "syr_admin_180627_admin2.csv"):
        places.append({"pcode": row["admin2Pcode"], "level": "admin2", "parent": row["admin1Pcode"],
                       "name_en": row["admin2Name_en"], "name_ar": row["admin2Name_ar"],
                       "ref_name": row["admin2RefName"]})
    for row in rows(src / "syr_admin_180627_admin3.csv"):
        places.append({"pcode": row["admin3Pcode"], "level": "admin3", "parent": row["admin2Pcode"],
                       "name_en": row["admin3Name_en"], "name_ar": row["admin3Name_ar"],
                       "ref_name": row["admin3RefName_en"]})
    for row in rows(src / "syr_admin_180627_admin4.csv"):
        places.append({"pcode": row["admin4Pcode"], "level": "community", "parent": row["admin3Pcode"],
                       "name_en": row["admin4Name_en"], "name_ar": row["admin4Name_ar"],
                       "ref_name": row["admin4RefName_en"],
                       "latitude": "%.5f" % float(row["Latitude_y"]),
                       "longitude": "%.5f" % float(row["Longitude_x"])})
    for row in rows(src / "syr_admin_180627_city_neighbourhoods.csv"):
        places.append({"pcode": row["neibourhoodPcode"], "level": "neighbourhood",
                       "parent": row["admin4Pcode"], "name_en": row["neibourhoodName_en"],
                       "name_ar": row["neibourhoodName_ar"], "ref_name": row["neibourhoodRefName_en"]})
    with open(OUT / "places.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        for place in places:
            writer.writerow({field: place.get(field, "") for field in FIELDS})

    (OUT / "boundaries").mkdir(exist_ok=True)
    for level in (1, 2, 3):
        data = json.loads((src / f"syr_adm{level}_ocha_simplified.geojson").read_text("utf-8"))
        features = []
        for feature in data["features"]:
            features.append({"type": "Feature",
                             "properties": {"pcode": feature["properties"][f"ADM{level}_PCODE"].strip()},
                             "geometry": _round(feature["geometry"])})
        (OUT / "boundaries" / f"adm{level}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    counts = {}
    for place in places:
        counts[place["level"]] = counts.get(place["level"], 0) + 1
    print(counts)


def _round(geometry):
    def walk(value):
        if isinstance(value, list):
            if value and isinstance(value[0], (int, float)):
                return [round(value[0], 5), round(value[1], 5)]
            return [walk(item) for item in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteer"))
