"""Place names in a report, resolved to the gazetteer's P-codes.

Names are matched as whole words on a normalised form (lower case, no apostrophes, hyphens as spaces,
Arabic articles al-/ar-/ash-... optional), so Deir ez-Zor, Deir Ezzor and Deir al-Zour meet when the
gazetteer or aliases.csv lists the spelling. A name that several places share (Homs the governorate,
district, sub-district and city) resolves to the most specific of a chain (the city) unless the words
around it say otherwise ("Homs province"); a name shared by unrelated places (three villages called
Duma) is settled by the governorates the rest of the report mentions.
"""

import itertools
import re

LEVEL_DEPTH = {"country": 0, "admin1": 1, "admin2": 2, "admin3": 3, "community": 4, "area": 5,
               "neighbourhood": 6}
ARTICLES = {"al", "el", "ar", "as", "ash", "ad", "az", "at", "an", "ath", "adh", "ed", "er", "es", "ez",
            "et", "en", "ul", "il"}
MAX_TOKENS = 6

# Words that are place names in the gazetteer but ordinary English (or everyday Syrian-news words)
# far more often than places in a report; matched only through a longer name.
STOP_NAMES = {
    "center", "centre", "mall", "market", "camp", "station", "hospital", "university", "army", "free",
    "state", "new", "old", "north", "south", "east", "west", "central", "city", "village", "town", "al",
    "tal", "tell", "ain", "kafr", "deir", "jabal", "jebal", "jebel", "mount", "the", "syrian", "arab",
    "islamic", "kurdish", "russian", "turkish", "american", "iran", "iraq", "turkey", "jordan", "lebanon",
    "israel", "russia", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "baath", "nasr", "nusra", "sham", "ahrar", "jaish", "fateh", "fatah", "hezbollah", "daesh", "isis",
    "isil", "assad", "bashar", "hafez", "maher", "rami", "ali", "omar", "hassan", "hussein", "mohammed",
    "muhammad", "ahmad", "ahmed", "khaled", "khalid", "abdullah", "ibrahim", "mahmoud", "youssef", "karim",
    "salam", "amal", "huda", "nour", "noor", "wafa", "hamra", "nahda", "thawra", "tishrine", "tishreen",
    "wahda", "wihdeh", "hurriyeh", "jamal", "saad", "salem", "sultan", "sheikh", "abu", "umm", "bab",
    "burj", "ras", "tel", "qasr", "jisr", "beit", "bait", "ard", "zahra", "zahraa", "faysal", "mazraa",
    "shuhada", "shohada", "martyrs", "afp", "sana", "reuters", "un", "u", "s", "us", "eu", "tv",
    "media", "source", "government", "regime", "opposition", "rebels", "forces", "troops", "police",
    "security", "defence", "defense", "ministry", "council", "committee", "coalition", "alliance",
    "front", "brigade", "battalion", "division", "group", "party", "people", "union", "national", "united",
    "nations", "human", "rights", "news", "agency", "press", "post", "times", "daily", "world", "health",
    "red", "crescent", "cross", "white", "helmets", "green", "black", "blue", "golden", "star", "sun",
    "moon", "light", "peace", "hope", "life", "children", "women", "aid", "water", "food", "school",
    "mosque", "church", "road", "highway", "bridge", "dam", "airport", "base", "port", "square", "street",
    "quarter", "district", "province", "governorate", "countryside", "area", "region", "zone", "sector",
    "neighbourhood", "neighborhood", "museum", "park", "garden", "gardens", "tower", "towers", "palace",
    "castle", "citadel", "gate", "hill", "valley", "plain", "desert", "river", "lake", "sea", "island",
    "jazira", "jazeera", "badia", "ghab", "ansar", "karama", "majd", "fajr", "qods", "quds", "yarmouk",
    "andalus", "sahel", "sahil", "wadi", "marj", "manara", "manar", "alam", "arabiya", "arabia", "ahram",
    "araby", "sabah", "trt", "tass", "sputnik", "nna", "etilaf", "qatar", "saudi", "france", "britain",
    "germany", "china", "europe", "washington", "moscow", "tehran", "ankara", "geneva", "astana", "vienna",
    "beirut", "baghdad", "amman", "cairo", "riyadh", "doha", "london", "paris", "berlin", "brussels",
    "idlib province", "may", "june", "july", "march", "april", "august", "doctor", "doctors", "mercy",
    "grand", "great", "big", "small", "upper", "lower", "first", "second", "third", "last", "one", "two",
    "sarin", "chlorine", "mustard", "shahid", "kubra", "quds", "hazm", "ramadan", "eid", "islam", "hamas",
    "ammar", "bari", "khan", "jihad", "fatima", "zainab", "zeinab", "husseiniyeh", "mahdi", "imam",
    "caliphate", "ali", "omar", "osman", "othman", "saladin", "hama province", "liberation", "victory",
    "mujahideen", "tahrir", "tawhid", "furqan", "muhajirin", "ansar", "shariah", "sharia", "turkmen",
    "turkmen bari", "amaq", "raqqa is being slaughtered silently", "nour", "noor", "rahman",
    "rahma", "mohammad", "muhammed", "abdul", "abdel", "saeed", "said", "sami", "samir", "tarek", "tareq",
    "yaacoub", "yacoub", "jamil", "kamal", "nasser", "walid", "zahir", "zaher", "hadi", "hamza", "hamid",
    "mustafa", "mostafa", "joseph", "bilal", "al quds",
}
# Words that begin longer place names ("Tel Hamis", "Khan al-Assal"): a name right after one of them
# is part of a name the gazetteer may not hold, not a place of its own.
NAME_PREFIXES = {"tel", "tal", "tell", "ain", "ayn", "deir", "dayr", "kafr", "kfar", "jabal", "jebel", "jabel",
                 "ras", "bab", "beit", "bait", "khan", "tall", "maarat", "maaret", "marat", "qasr", "wadi",
                 "jisr", "umm", "abu", "bir", "birket", "harat", "hay", "mazraat", "tallat", "khirbet", "urum"}
_SPELLING_GROUPS = [("kafr", "kfar", "kafar", "kfr"), ("tal", "tel", "tell"), ("ain", "ayn", "ein"), ("deir", "dayr"),
                    ("jabal", "jebel", "jabel"), ("maarat", "maaret", "marat", "maarrat"), ("khirbet", "khirbat")]
_FIRST_WORD_SPELLINGS = {word: tuple(w for w in group if w != word) for group in _SPELLING_GROUPS for word in group}
_DIRECTION_WORDS = {"eastern", "western", "northern", "southern", "east", "west", "north", "south"}

# Words after a name that say which level it means.
_CITY_WORDS = {"city", "town", "village", "neighbourhood", "neighborhood", "district", "quarter", "suburb",
               "camp", "area"}
_PROVINCE_WORDS = {"province", "governorate", "countryside", "region", "provincial", "governorates",
                   "provinces"}
_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f\u0600-\u06ff]+(?:'[A-Za-z\u00c0-\u024f]+)*")
_NORMALISE_DROP = re.compile(r"['`\u2019\u02bc\u02bf\u02be.]")
_NORMALISE_SPACE = re.compile(r"[\s\-_/]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_ARABIC_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


_PARENTHESES = re.compile(r"\([^)]*\)")


def normalise(name):
    name = name.lower()
    if "(" in name:
        name = _PARENTHESES.sub(" ", name)
    name = _ARABIC_DIACRITICS.sub("", name)
    name = _POSSESSIVE.sub("", name)
    name = _NORMALISE_DROP.sub("", name)
    return _NORMALISE_SPACE.sub(" ", name).strip()


def name_variants(name, key=None):
    """Normalised keys under which a name is found: as written, and with its Arabic articles
    (al-, ash-, ez-...) written as al, or dropped."""
    key = normalise(name) if key is None else key
    if not key:
        return set()
    tokens = key.split()
    if len(tokens) > MAX_TOKENS:
        return set()
    if not ARTICLES.intersection(tokens):
        return {key}
    slots = [[t] if t not in ARTICLES else [t, "al", ""] for t in tokens]
    if sum(len(s) > 1 for s in slots) > 3:
        return {key}
    keys = set()
    for combo in itertools.product(*slots):
        variant = " ".join(t for t in combo if t)
        if variant and (len(variant) >= 4 or variant == key):
            keys.add(variant)
    return keys


class PlaceIndex:
    """Matching structures built once per gazetteer: normalised name -> P-codes, parents, depths."""

    def __init__(self, places):
        self.places = places
        # Names as written win over names reached by dropping an article: "Hama" is Hama, not the
        # village of Al-Hama.
        exact, variants = {}, {}
        for pcode, place in places.items():
            names = [place.get("name_en") or "", place.get("name_ar") or ""] + list(place.get("aliases") or [])
            for written in {normalise(name) for name in names if name}:
                for key in name_variants(written, written):
                    if key in STOP_NAMES or (len(key) < 4 and " " not in key and not _is_arabic(key)):
                        continue
                    # "Eastern Deir" the village would swallow "eastern Deir ez-Zor".
                    if key.split()[0] in _DIRECTION_WORDS and place.get("level") != "area":
                        continue
                    bucket = (exact if key == written else variants).setdefault(key, [])
                    if pcode not in bucket:
                        bucket.append(pcode)
        # Transliterations of the words that begin village names: Kafr Zeita is also Kfar Zeita.
        for key in list(exact) + list(variants):
            first, _, rest = key.partition(" ")
            for other in _FIRST_WORD_SPELLINGS.get(first, ()) if rest else ():
                spelt = f"{other} {rest}"
                if spelt not in exact:
                    bucket = variants.setdefault(spelt, [])
                    bucket.extend(p for p in (exact.get(key) or variants[key]) if p not in bucket)
        self.names = dict(variants)
        self.names.update(exact)
        self.first_tokens = {key.split()[0] for key in self.names}
        # Every leading part of every name: a longer match is tried only while one can exist.
        self.prefixes = set()
        for key in self.names:
            words = key.split()
            for n in range(1, len(words) + 1):
                self.prefixes.add(" ".join(words[:n]))
        self._ancestors = {}

    def ancestors(self, pcode):
        """The P-codes above a place, nearest first (cached)."""
        cached = self._ancestors.get(pcode)
        if cached is not None:
            return cached
        chain, seen = [], {pcode}
        parent = (self.places.get(pcode) or {}).get("parent")
        while parent and parent in self.places and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.places[parent].get("parent")
        self._ancestors[pcode] = chain
        return chain

    def depth(self, pcode):
        return LEVEL_DEPTH.get(self.places[pcode].get("level"), 4)

    def admin1(self, pcode):
        if self.places[pcode].get("level") == "admin1":
            return pcode
        for ancestor in self.ancestors(pcode):
            if self.places[ancestor].get("level") == "admin1":
                return ancestor
        return None

    def city_of(self, pcode):
        """The community (town or city) a place is in or is, else None."""
        for candidate in [pcode] + self.ancestors(pcode):
            if self.places[candidate].get("level") == "community":
                return candidate
        return None

    def country(self):
        for pcode, place in self.places.items():
            if place.get("level") == "country":
                return pcode
        return None

    def as_dict(self, pcode):
        if not pcode or pcode not in self.places:
            return None
        return {"name": self.places[pcode].get("name_en") or pcode, "pcode": pcode, "admin1": self.admin1(pcode)}

    def contains(self, outer, inner):
        return outer == inner or outer in self.ancestors(inner)

    def common_ancestor(self, pcodes):
        chains = [[p] + self.ancestors(p) for p in pcodes]
        shared = set(chains[0]).intersection(*map(set, chains[1:]))
        for p in chains[0]:
            if p in shared:
                return p
        return None


def _is_arabic(key):
    return any("\u0600" <= ch <= "\u06ff" for ch in key)


class Mention:
    __slots__ = ("start", "end", "candidates", "hint", "pcode", "weak")

    def __init__(self, start, end, candidates, hint, weak):
        self.start, self.end, self.candidates, self.hint, self.weak = start, end, candidates, hint, weak
        self.pcode = None


_WEAK_AFTER = re.compile(
    r"(?:'s)?\s*(?:government|regime|authorities|officials?|said|says|reported|TV|television|channel|"
    r"(?:has|have|had)(?!\s+(?:claimed|killed|left|seen|witnessed|been\s+(?:hit|shelled|bombed|targeted|struck)))|"
    r"denied|denies|accused|"
    r"blamed|claims?|claimed|insists?|announced|and\s+(?:its\s+)?allies|-based|'s\s+(?:allies|ally|government|"
    r"regime|forces|army|envoy|representative|ambassador|delegation))\b", re.I)
_INSTITUTION_AFTER = re.compile(r"\s+(?:Mosque|Church|Hospital|Brigades?|Battalions?|Regiment)\b")
_WEAK_AROUND = re.compile(r"(?:moscow|tehran|ankara|washington|beijing|riyadh|russia|iran)\s*(?:and|,)\s*$", re.I)


def find_mentions(index, text):
    """Every gazetteer name in a (working-copy) text, as Mentions with their candidate P-codes."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    low_text = text.lower()
    if len(low_text) == len(text):  # one pass instead of a call per word
        lowered = [low_text[start:end] for start, end, _ in tokens]
    else:
        lowered = [t[2].lower() for t in tokens]
    for k, word in enumerate(lowered):
        if "'" in word:
            if word.endswith("'s"):
                start, end, original = tokens[k]
                tokens[k] = (start, end - 2, original[:-2])
                word = word[:-2]
            lowered[k] = word.replace("'", "")
    mentions = []
    i, count = 0, len(tokens)
    names, first_tokens, prefixes = index.names, index.first_tokens, index.prefixes
    while i < count:
        first = lowered[i]
        if first not in first_tokens:
            # Apostrophes lost in transmission: "Aleppos eastern districts", "Syrias Idlib province".
            if first.endswith("s") and first[:-1] in names and tokens[i][2][:1].isupper():
                start, end, word = tokens[i]
                tokens[i] = (start, end - 1, word[:-1])
                first = lowered[i] = first[:-1]
            else:
                i += 1
                continue
        found = None
        parts = []
        for j in range(i, min(i + MAX_TOKENS, count)):
            if j > i and not _adjacent(text, tokens[j - 1][1], tokens[j][0]):
                break
            parts.append(lowered[j])
            key = " ".join(parts)
            if key not in prefixes:
                break
            if key in names and _capitalised(tokens, i, j):
                found = (j, key)
        if not found:
            i += 1
            continue
        j, key = found
        start, end = tokens[i][0], tokens[j][1]
        if i > 0 and _part_of_longer_name(text, tokens, i, key, names):
            i = j + 1
            continue
        if _INSTITUTION_AFTER.match(text, end, min(len(text), end + 20)):
            i = j + 1  # "al-Rashideen Mosque", "al-Quds Hospital": a building's or a unit's name
            continue
        hint = _hint(text, tokens, j, start)
        weak = bool(_WEAK_AFTER.match(text, end, min(len(text), end + 40))
                    or _WEAK_AROUND.search(text, max(0, start - 20), start))
        mentions.append(Mention(start, end, names[key], hint, weak))
        i = j + 1
    _resolve(index, mentions)
    return [m for m in mentions if m.pcode]


def _part_of_longer_name(text, tokens, i, key, names):
    """Whether a match is the tail of a longer name: "Urum al-Kubra", "Tel Hamis"."""
    before = tokens[i - 1]
    if not _adjacent(text, before[1], tokens[i][0]) or "'" in text[before[1]:tokens[i][0]]:
        return False
    word = before[2]
    if word.lower() in names:  # "Aleppo al-Sakhour": two places side by side
        return False
    if word.lower() in NAME_PREFIXES:
        return True
    first = key.split()[0]
    return first in ARTICLES and word[:1].isupper() and word.lower() not in _LOWER_BEFORE


_LOWER_BEFORE = {"in", "of", "the", "from", "near", "and", "at", "on", "to", "into", "outside", "inside",
                 "around", "toward", "towards", "across", "via", "between", "for", "by", "with", "eastern",
                 "western", "northern", "southern", "central", "rural", "rebel", "city", "town", "province",
                 "village", "district", "syrias", "syria"}


def _adjacent(text, end, start):
    return start - end <= 3 and not text[end:start].strip(" -'s")


def _capitalised(tokens, i, j):
    return any(tokens[k][2][:1].isupper() or _is_arabic(tokens[k][2]) for k in range(i, j + 1)) and (
        tokens[j][2][:1].isupper() or _is_arabic(tokens[j][2]) or j > i)


def _hint(text, tokens, j, start):
    after = tokens[j + 1][2].lower() if j + 1 < len(tokens) else ""
    before = text[max(0, start - 25):start].lower()
    if after in _PROVINCE_WORDS or re.search(r"(?:province|governorate|countryside)\s+of\s+$", before) \
            or before.endswith("rural "):
        return "province"
    if after in _CITY_WORDS or re.search(r"(?:city|town|village)\s+of\s+$", before):
        return "city"
    return None


def _resolve(index, mentions):
    """Choose one P-code per mention: hints first, then the most specific of a chain, then the
    governorates that unambiguous mentions point to."""
    votes = {}
    pending = []
    for mention in mentions:
        options = _narrow(index, mention.candidates, mention.hint)
        if len(options) == 1:
            mention.pcode = options[0]
            a1 = index.admin1(options[0])
            if a1:
                votes[a1] = votes.get(a1, 0) + 1
        else:
            pending.append((mention, options))
    for mention, options in pending:
        # A town that gives its name to a sub-district (Madaya) beats a village of the same name
        # (Madaya in Idlib) whenever the report names the town's governorate at all.
        scored = sorted(options, key=lambda p: (-(votes.get(index.admin1(p), 0) > 0), -_rank(index, p, mention.candidates),
                                                -votes.get(index.admin1(p), 0)))
        best = scored[0]
        if len(scored) > 1 and votes.get(index.admin1(best), 0) == votes.get(index.admin1(scored[1]), 0) \
                and _rank(index, best, mention.candidates) == _rank(index, scored[1], mention.candidates):
            continue
        mention.pcode = best


def _narrow(index, candidates, hint):
    options = [p for p in candidates if p in index.places]
    if hint == "province":
        wider = [p for p in options if index.places[p].get("level") == "admin1"]
        if wider:
            return wider
    if hint == "city":
        towns = [p for p in options if index.places[p].get("level") in ("community", "neighbourhood", "area")]
        if towns:
            options = towns
    # Homs the governorate, district, sub-district and city: the name means the city.
    specific = [p for p in options if not any(q != p and p in index.ancestors(q) for q in options)]
    return specific or options


def _rank(index, pcode, candidates):
    """Prefer a place whose name a district or sub-district also bears (a district's main town)."""
    return 1 if any(c != pcode and c in index.ancestors(pcode) for c in candidates) else 0
