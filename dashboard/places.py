"""Places by name: what the place filter and its autocomplete understand besides a P-code.

A typed name is matched on a folded form: case, Latin accents, Arabic diacritics and hamza forms,
apostrophes and hyphens do not count, and Arabic articles (al-, ash-, ez-...) are optional, as for the
extractor (reports.extraction.places.normalise and name_variants). Every place is found under its English
name, its Arabic name and its aliases (`Place.aliases`, which load_places fills from aliases.csv: the
gazetteer's other spellings such as Deir Ezzor or Halab).

The rule for a name several places share: the largest of them (the highest level: a governorate before
a district, a district before a town). "Aleppo" is the governorate SY02; Aleppo city (C1007) is among
the alternatives shown beside it. When two or more places of that largest level share the name (villages
called Duma in three governorates, none larger), the name is ambiguous and the filter asks which one,
listing every candidate with its governorate and P-code. An unknown name is an error naming the closest
names. URLs keep P-codes: pages redirect a typed name to its P-code (dashboard.views.place_in_url).

The index of names is built once per process and rebuilt when the places change (a one-row aggregate
over the places table, read on each lookup, tells when).
"""

import bisect
import difflib
import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Length

from reports.extraction.places import LEVEL_DEPTH, name_variants, normalise
from reports.models import Place

LEVEL_WORDS = {"country": "country", "admin1": "governorate", "admin2": "district", "admin3": "sub-district",
               "community": "town or city", "area": "named area", "neighbourhood": "neighbourhood"}
# "Aleppo governorate", "Homs city": a level word after a name picks that level.
LEVEL_SUFFIXES = {"governorate": {"admin1"}, "province": {"admin1"}, "district": {"admin2"},
                  "subdistrict": {"admin3"}, "sub district": {"admin3"}, "city": {"community"},
                  "town": {"community"}, "village": {"community"}, "neighbourhood": {"neighbourhood"},
                  "neighborhood": {"neighbourhood"}}
_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def fold(text):
    """The form names are compared in: no case, accents, Arabic diacritics or hamza forms, punctuation."""
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_ARABIC_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return normalise(text)


@dataclass
class Entry:
    pcode: str
    name: str
    name_ar: str
    level: str
    admin1_pcode: str
    path: str
    governorate: str = ""
    names: list = field(default_factory=list)  # folded names, as written

    @property
    def depth(self):
        return LEVEL_DEPTH.get(self.level, 4)

    def as_json(self):
        return {"pcode": self.pcode, "name": self.name, "name_ar": self.name_ar, "level": self.level,
                "level_label": LEVEL_WORDS.get(self.level, self.level), "governorate": self.governorate,
                "governorate_pcode": self.admin1_pcode, "label": describe(self)}


def describe(place):
    """"Aleppo (SY02, governorate)", "Aleppo (C1007, town or city in Aleppo governorate)": a name with
    its P-code and governorate, for chips, messages and the autocomplete."""
    level = LEVEL_WORDS.get(place.level, place.level)
    name = getattr(place, "name", None) or getattr(place, "name_en", "")
    governorate = getattr(place, "governorate", "")
    if place.level in ("country", "admin1") or not governorate:
        return f"{name} ({place.pcode}, {level})"
    return f"{name} ({place.pcode}, {level} in {governorate} governorate)"


class PlaceNames:
    """Folded name -> entries, for every place of the gazetteer."""

    def __init__(self, rows):
        self.entries = {}
        for pcode, name_en, name_ar, aliases, level, admin1, path in rows:
            entry = Entry(pcode, name_en, name_ar, level, admin1 or "", path)
            written = [name_en, name_ar, *[line for line in (aliases or "").splitlines()]]
            entry.names = sorted({fold(name) for name in written if name and name.strip()} - {""})
            self.entries[pcode] = entry
        for entry in self.entries.values():
            governorate = self.entries.get(entry.admin1_pcode)
            entry.governorate = governorate.name if governorate else ""
        self.flat = [(name, entry) for entry in self.entries.values() for name in entry.names]
        self.blob = "\n".join(name for name, _ in self.flat)
        self.starts = list(itertools.accumulate((len(name) + 1 for name, _ in self.flat[:-1]), initial=0))
        self.exact, self.variants = {}, {}
        for entry in self.entries.values():
            for name in entry.names:
                self.exact.setdefault(name, []).append(entry)
                for variant in name_variants(name, name) - {name}:
                    self.variants.setdefault(variant, []).append(entry)

    def named(self, text):
        """The places called `text` (names as written first, then article variants), largest first."""
        key = fold(text)
        levels = None
        for suffix, wanted in LEVEL_SUFFIXES.items():
            if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in self.exact:
                key, levels = key[: -len(suffix) - 1], wanted
                break
        found = {}
        for variant in [key, *sorted(name_variants(key, key) - {key})]:
            for entry in self.exact.get(variant, []) + self.variants.get(variant, []):
                found.setdefault(entry.pcode, entry)
            if found and variant == key:
                break  # a name as written wins over one reached by dropping an article
        entries = [e for e in found.values() if levels is None or e.level in levels] or list(found.values())
        return sorted(entries, key=lambda e: (e.depth, e.governorate, e.name, e.pcode))

    def search(self, text, limit=10):
        """Places for the autocomplete: the name itself, then names starting with the text, then names
        with a word starting with it, then names containing it; larger places first in each."""
        key = fold(text)
        if not key:
            return []
        best = {}
        # One scan of all the names joined (in C) finds the few that hold the text.
        for index in sorted({bisect.bisect_right(self.starts, m.start()) - 1
                             for m in re.finditer(re.escape(key), self.blob)}):
            name, entry = self.flat[index]
            if name == key:
                rank = 0
            elif name.startswith(key):
                rank = 1
            elif (" " + key) in name:
                rank = 2
            elif len(key) >= 3:
                rank = 3
            else:
                continue
            if rank < best.get(entry.pcode, (9,))[0]:
                best[entry.pcode] = (rank, entry)
        scored = [(rank, entry.depth, entry.name, entry.pcode, entry) for rank, entry in best.values()]
        scored.sort(key=lambda item: item[:4])
        return [item[-1] for item in scored[:limit]]

    def close_to(self, text, limit=5):
        """Places whose name is spelt nearly like `text` (a typo: "Alepo"), larger places first."""
        keys = difflib.get_close_matches(fold(text), self.exact.keys(), n=limit, cutoff=0.75)
        entries = {e.pcode: e for key in keys for e in self.exact[key]}
        return sorted(entries.values(), key=lambda e: (e.depth, e.name, e.pcode))[:limit]

    def same_name(self, pcode):
        """The other places sharing a name with this one (the alternatives shown beside a choice)."""
        entry = self.entries.get(pcode)
        if entry is None:
            return []
        others = {}
        for name in entry.names:
            for other in self.exact.get(name, []):
                if other.pcode != pcode:
                    others.setdefault(other.pcode, other)
        return sorted(others.values(), key=lambda e: (e.depth, e.governorate, e.name, e.pcode))


_lock = threading.Lock()
_cache = {"version": None, "names": None}


def place_names():
    """The index, rebuilt when the places table changed (rows added or removed, names or aliases
    edited, places moved)."""
    version = tuple(Place.objects.aggregate(
        count=Count("id"), last=Max("id"), names=Sum(Length("name_en")), arabic=Sum(Length("name_ar")),
        aliases=Sum(Length("aliases")), paths=Sum(Length("path")),
    ).values())
    with _lock:
        if _cache["version"] != version:
            rows = Place.objects.order_by().values_list("pcode", "name_en", "name_ar", "aliases", "level",
                                                         "admin1_pcode", "path")
            _cache["names"], _cache["version"] = PlaceNames(list(rows)), version
        return _cache["names"]


class PlaceNotFound(Exception):
    def __init__(self, message, candidates):
        super().__init__(message)
        self.message, self.candidates = message, candidates


@dataclass
class Resolved:
    place: Place
    typed: str  # what was typed, when it was a name (empty for a P-code)
    alternatives: list  # other places of that name (Entry)


def looks_like_pcode(text):
    """SY0200, C1007, C1007-EAST: letters then digits, no spaces."""
    return bool(re.fullmatch(r"[A-Za-z]{1,2}(\d[\w-]*)?", text or ""))


def pcode_in(text):
    """The P-code in "Jebel Saman (SY0200, district ...)" (what the autocomplete fills in), else None."""
    match = re.search(r"\(\s*([A-Za-z]{1,2}\d[\w-]*)\b[^()]*\)\s*$", text or "")
    return match.group(1) if match else None


def resolve(text, places=None):
    """The Place a typed value means: a P-code, "Name (P-code, ...)", or a name (see the module's rule).

    Raises PlaceNotFound with a message naming the candidates when the name is unknown or ambiguous."""
    if places is None:
        governorate = Place.objects.filter(pcode=OuterRef("admin1_pcode")).values("name_en")[:1]
        places = Place.objects.annotate(governorate=Subquery(governorate))
    text = (text or "").strip()
    for pcode in filter(None, [text, pcode_in(text)]):
        place = places.filter(pcode__iexact=pcode).first()
        if place is not None:
            return Resolved(place, "", [])
    names = place_names()
    entries = names.named(text)
    if not entries and looks_like_pcode(text):
        raise PlaceNotFound(f"Unknown P-code: {text}.", [])
    if not entries:
        close = names.search(text, limit=5) or names.close_to(text, limit=5)
        hint = f" Closest names: {'; '.join(describe(e) for e in close)}." if close else ""
        raise PlaceNotFound(f"No place called \u201c{text}\u201d (a name in English or Arabic, or a P-code).{hint}",
                            close)
    largest = [e for e in entries if e.depth == entries[0].depth]
    if len(largest) > 1:
        listed = "; ".join(describe(e) for e in entries[:12])
        more = f" and {len(entries) - 12} more" if len(entries) > 12 else ""
        raise PlaceNotFound(f"\u201c{text}\u201d is the name of {len(entries)} places: {listed}{more}. "
                            f"Choose one (type its P-code or pick it from the list).", entries)
    place = places.filter(pcode=largest[0].pcode).first()
    if place is None:  # the index is a moment older than the table
        raise PlaceNotFound(f"No place called \u201c{text}\u201d.", [])
    return Resolved(place, text, [e for e in entries if e.pcode != place.pcode])
