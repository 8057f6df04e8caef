"""The gazetteer the extractor resolves place names against: plain data, no database.

The command line builds it from the files shipped in reports/data/; ingest builds it from
Place rows (so aliases an analyst adds in the admin are used).
"""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEVEL_ORDER = ["country", "admin1", "admin2", "admin3", "community", "area", "neighbourhood"]


def read_place_rows(data_dir=DATA_DIR):
    """Plain dicts for every place, parents before children: the OCHA gazetteer (places.csv),
    then the project's named areas (named_areas.json, which re-parent their member
    neighbourhoods) and other spellings (aliases.csv).

    Each dict: pcode, level, parent, name_en, name_ar, latitude, longitude, aliases (a list).
    """
    data_dir = Path(data_dir)
    with open(data_dir / "places.csv", encoding="utf-8", newline="") as handle:
        rows = {row["pcode"]: dict(row, aliases=[]) for row in csv.DictReader(handle)}
    areas_file = data_dir / "named_areas.json"
    if areas_file.exists():
        for area in json.loads(areas_file.read_text("utf-8")):
            rows[area["pcode"]] = {
                "pcode": area["pcode"], "level": "area", "parent": area["parent"],
                "name_en": area["name_en"], "name_ar": area.get("name_ar", ""), "ref_name": "",
                "latitude": "", "longitude": "", "aliases": list(area.get("aliases", [])),
            }
            for member in area.get("members", []):
                rows[member]["parent"] = area["pcode"]
    aliases_file = data_dir / "aliases.csv"
    if aliases_file.exists():
        with open(aliases_file, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row["pcode"].strip()]["aliases"].append(row["alias"].strip())
    for row in rows.values():
        ref = row.pop("ref_name", "")
        if ref and ref != row["name_en"] and ref not in row["aliases"]:
            row["aliases"].append(ref)
    return sorted(rows.values(), key=lambda r: LEVEL_ORDER.index(r["level"]))


class Gazetteer:
    """Names, aliases and P-codes of places, with their parents.

    `places` is an iterable of dicts with at least pcode, level, parent, name_en, name_ar, aliases.
    """

    def __init__(self, places):
        self.places = {p["pcode"]: dict(p, aliases=_alias_list(p.get("aliases"))) for p in places if p.get("pcode")}
        self._index = None

    @classmethod
    def from_data_dir(cls, data_dir=DATA_DIR):
        """The gazetteer shipped in reports/data/, built once per process and directory."""
        key = str(Path(data_dir).resolve())
        if key not in _CACHE:
            _CACHE[key] = cls(read_place_rows(data_dir))
        return _CACHE[key]

    @property
    def index(self):
        """Name-matching structures (places.PlaceIndex), built on first use."""
        if self._index is None:
            from .places import PlaceIndex
            self._index = PlaceIndex(self.places)
        return self._index


_CACHE = {}


def _alias_list(aliases):
    """Aliases as a list, whether given as a list or as one name a line (the admin's text field)."""
    if isinstance(aliases, str):
        return [a.strip() for a in aliases.splitlines() if a.strip()]
    return [str(a).strip() for a in aliases or [] if str(a).strip()]
