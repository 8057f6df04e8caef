"""Place names in a report, resolved to the gazetteer's P-codes.

Names are matched as whole words on a normalised form (lower case, no apostrophes, hyphens as spaces,
Arabic articles al-/ar-/ash-... optional), so Deir ez-Zor, Deir Ezzor and Deir al-Zour meet when the
gazetteer or aliases.csv lists the spelling. A name that several places share (Homs the governorate,
district, sub-district and city) resolves to the most specific of a chain (the city) unless the words
around it say otherwise ("Homs province"); a name shared by unrelated places (three villages called
Duma) is settled by the governorates the rest of the report mentions.
"""

import bisect
import itertools
import re

import ahocorasick

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
_NORMALISE_DROP = re.compile(r"['`\u2019\u02bc\u02bf\u02be.]")
_NORMALISE_SPACE = re.compile(r"[\s\-_/]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_ARABIC_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


_PARENTHESES = re.compile(r"\([^)]*\)")


_PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*\Z")


def normalise(name):
    name = name.lower()
    if _PLAIN.match(name):
        return name
    if "(" in name:
        name = _PARENTHESES.sub(" ", name)
    name = _ARABIC_DIACRITICS.sub("", name)
    name = _POSSESSIVE.sub("", name)
    name = _NORMALISE_DROP.sub("", name)
    return _NORMALISE_SPACE.sub(" ", name).strip()


# Spellings of one name differ in ways the gazetteer cannot list one by one: the article (al-Din, ad-Din,
# ed-Din, el-Din, Din), the article written onto its noun (Ezzor, Salaheddine), long vowels (Zour/Zur,
# Deen/Din, Yarmouk/Yarmuk), endings (Hasakeh/Hasaka/Hasakah), doubled letters (Raqqa/Raqa, Lattakia),
# apostrophes and hyphens. Names and text are both reduced to a skeleton where these meet, and the
# article forms are generated from each name.
_LONG_VOWELS = (("ee", "i\x01"), ("ou", "u\x01"), ("oo", "u\x01"))
_ENDING = re.compile(r"[ea]h\b")  # Hasakeh, Hasakah -> Hasaka
_INE = re.compile(r"ine\b")  # Salaheddine -> Salaheddin
_DOUBLED = tuple((c + c, c + "\x01") for c in "abcdefghijklmnopqrstuvwxyz")
_FILLER = "\x01"
# Lower case; every character that is not part of a word becomes a space (a word boundary).
_TEXT_TABLE = {c: " " for c in range(0x80) if not chr(c).isalnum() and chr(c) not in "'`"}
_TEXT_TABLE.update({ord(c): " " for c in "\u00a0\u00ab\u00bb\u201c\u201d\u2018\u2013\u2014\u2026"})
_TEXT_TABLE.update({c: c + 32 for c in range(65, 91)})
# Apostrophes are dropped (Sha'ar is Shaar), with a possessive's s ("Aleppo's").
_DROP = re.compile(r"['`\u2019\u02bc\u02bf\u02be](?:s\b)?")
_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")


def _shape(text):
    """The skeleton rules applied, with fillers where letters go (so offsets can be mapped back)."""
    for pair, repl in _LONG_VOWELS:
        text = text.replace(pair, repl)
    text = _INE.sub("in\x01", _ENDING.sub("a\x01", text))
    for pair, repl in _DOUBLED:
        if pair in text:
            text = text.replace(pair, repl)
    return text


def skeleton(key):
    """A normalised name reduced to the form its spelling variants share: long vowels (Zour/Zur,
    Deen/Din), endings (Hasakeh/Hasaka/Hasakah), doubled letters (Raqqa/Raqa)."""
    return _shape(key).replace(_FILLER, "")


def _squeeze(text, pattern):
    """The text without pattern's matches, and the list that maps its offsets back (see _back)."""
    removed, pieces, last = [], [], 0
    for match in pattern.finditer(text):
        a, b = match.span()
        pieces.append(text[last:a])
        for p in range(a, b):
            removed.append(p - len(removed))
        last = b
    if not removed:
        return text, removed
    pieces.append(text[last:])
    return "".join(pieces), removed


def _skeleton_text(text):
    """The text as skeletons (see skeleton()), with the two lists that map offsets back."""
    low = text.lower()
    if len(low) != len(text):
        low = text
    low, first = _squeeze(low.translate(_TEXT_TABLE), _DROP)
    low = _shape(low)
    if _FILLER not in low:
        return low, (first, [])
    # The k-th filler stood where the squeezed text has the length of the pieces before it.
    pieces = low.split(_FILLER)
    second = list(itertools.accumulate(map(len, pieces[:-1])))
    return "".join(pieces), (first, second)


def _back(maps, i):
    """The original offset of skeleton offset i."""
    for removed in reversed(maps):
        if removed:
            i += bisect.bisect_right(removed, i)
    return i


def name_variants(name, key=None):
    """Normalised spellings under which a name is found: as written; with each Arabic article (al-,
    ash-, ez-...) written as al, el, assimilated to the next word (ad-Din, ed-Din), joined to it
    (Ezzor, Salaheddin), or dropped; and the usual spellings of a first word (Kafr, Kfar)."""
    key = normalise(name) if key is None else key
    if not key:
        return set()
    tokens = key.split()
    if len(tokens) > MAX_TOKENS:
        return set()
    slots, articles = [], 0
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ARTICLES and nxt and articles < 2:
            articles += 1
            sun = next((c for c in _SUN if nxt.startswith(c)), None)
            forms = ["a" + sun, "e" + sun] if sun else ["al", "el"]
            slot = {token, "al", "el", ""} | set(forms) | {f + "+" for f in forms}
            if i > 0:
                slot |= {"+" + f + "+" for f in forms}
            slots.append(sorted(slot))
        elif i == 0 and token in _FIRST_WORD_SPELLINGS and nxt:
            slots.append([token, *_FIRST_WORD_SPELLINGS[token]])
        else:
            slots.append([token])
    if len(slots) == sum(len(s) == 1 for s in slots):
        return {key}
    keys = set()
    for combo in itertools.product(*slots):
        variant = " ".join(t for t in combo if t).replace("+ ", "").replace(" +", "")
        if variant and (len(variant) >= 4 or variant == key) and "+" not in variant:
            keys.add(variant)
    return keys


_STOP_SKELETONS = {skeleton(word) for word in STOP_NAMES}


def _usable_shape(key):
    """The skeleton a name is matched under, or None for a name too short or too common to be one."""
    if key in STOP_NAMES or (len(key) < 4 and " " not in key and not _is_arabic(key)):
        return None
    shape = skeleton(key)
    if shape in _STOP_SKELETONS or (len(shape) < 4 and " " not in shape and not _is_arabic(shape)):
        return None
    if " " in shape:
        bare = " ".join(t for t in shape.split() if t not in ARTICLES)
        if bare != shape and bare in _STOP_SKELETONS:
            return None  # "al-Assad" the family, not the neighbourhood Al Asad
    return shape


class PlaceIndex:
    """Matching structures built once per gazetteer: one Aho-Corasick automaton over the skeleton of
    every name, alias and spelling variant (skeleton -> P-codes), parents, depths."""

    def __init__(self, places):
        self.places = places
        # Names as written win over names reached by changing an article: "Hama" is Hama, not the
        # village of Al-Hama.
        exact, variants = {}, {}
        exact_written, variant_written = {}, {}
        shapes = {}
        for pcode, place in places.items():
            names = [place.get("name_en") or "", place.get("name_ar") or ""] + list(place.get("aliases") or [])
            for written in {normalise(name) for name in names if name}:
                for key in name_variants(written, written):
                    shape = shapes.get(key, "")
                    if shape == "":
                        shape = shapes[key] = _usable_shape(key)
                    if shape is None:
                        continue
                    # "Eastern Deir" the village would swallow "eastern Deir ez-Zor".
                    if key.partition(" ")[0] in _DIRECTION_WORDS and place.get("level") != "area":
                        continue
                    is_exact = key == written
                    bucket = (exact_written if is_exact else variant_written).setdefault(key, [])
                    if pcode not in bucket:
                        bucket.append(pcode)
                    bucket = (exact if is_exact else variants).setdefault(shape, [])
                    if pcode not in bucket:
                        bucket.append(pcode)
        self.names = dict(variants)
        self.names.update(exact)
        # A name found as the text spells it beats its skeleton's namesakes: "Daraa" is Dar'a, not the
        # village Dara; "Mallah" is al-Mallah, not Maleh.
        self.written = dict(variant_written)
        self.written.update(exact_written)
        # Keys carry a space at each end, and the text's non-word characters are spaces, so the
        # automaton reports whole words only.
        self.automaton = ahocorasick.Automaton()
        for shape, pcodes in self.names.items():
            article_first = shape.split()[0] in ARTICLES
            self.automaton.add_word(f" {shape} ", (len(shape), pcodes, article_first, 0))
            # Apostrophes lost in transmission: "Aleppos eastern districts", "Syrias Idlib province".
            lost = f"{shape}s"
            if " " not in shape and lost not in self.names and lost not in _STOP_SKELETONS:
                self.automaton.add_word(f" {lost} ", (len(lost), pcodes, article_first, 1))
        if self.names:
            self.automaton.make_automaton()
        self._ancestors, self._admin1 = {}, {}
        # Syria's capital, for "the Syrian capital" and "the capital" said without its name.
        self.capital = next((p for p in self.names.get("damascus", ()) if places[p].get("level") == "community"), None)

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
        """The governorate a place is or lies in (cached), else None."""
        try:
            return self._admin1[pcode]
        except KeyError:
            pass
        found = None
        for candidate in [pcode] + self.ancestors(pcode):
            if self.places[candidate].get("level") == "admin1":
                found = candidate
                break
        self._admin1[pcode] = found
        return found

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
    __slots__ = ("start", "end", "candidates", "hint", "pcode", "weak", "text")

    def __init__(self, start, end, candidates, hint, weak, text=""):
        self.start, self.end, self.candidates, self.hint, self.weak = start, end, candidates, hint, weak
        self.pcode = None
        self.text = text


_WEAK_AFTER = re.compile(
    r"(?:'s)?\s*(?:government|regime|authorities|officials?|said|says|reported|TV|television|channel|"
    r"(?:has|have|had)(?!\s+(?:claimed|killed|left|seen|witnessed|been\s+(?:hit|shelled|bombed|targeted|struck)))|"
    r"denied|denies|accused|"
    r"blamed|claims?|claimed|insists?|announced|and\s+(?:its\s+)?allies|-based|'s\s+(?:allies|ally|government|"
    r"regime|forces|army|envoy|representative|ambassador|delegation))\b", re.I)
# An earlier event a report compares with, not its subject: "the worst fighting since Aleppo air strikes",
# "since the battle for eastern Aleppo".
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:battle|siege|fall|offensive|attack|bombing)\s+(?:for|of|on)\s+)?$",
                           re.I)
_INSTITUTION_AFTER = re.compile(r"\s+(?:Mosque|Church|Hospital|Brigades?|Battalions?|Regiment)\b")
_WEAK_AROUND = re.compile(r"(?:moscow|tehran|ankara|washington|beijing|riyadh|russia|iran)\s*(?:and|,)\s*$", re.I)


_WORD = r"[A-Za-z\u00c0-\u024f\u0600-\u06ff]"
_PREVIOUS = re.compile(rf"(?<![\w'])({_WORD}+)([ \-]{{1,3}})$")
_NEXT = re.compile(rf"[^A-Za-z\u00c0-\u024f\u0600-\u06ff]*({_WORD}+)")
_SPAN_WORDS = re.compile(rf"{_WORD}+")


def find_mentions(index, text):
    """Every gazetteer name in a (working-copy) text, as Mentions with their candidate P-codes: one
    pass of the gazetteer's automaton over the text's skeleton, kept where a name starts and ends on
    word boundaries and is written as a name (capitalised), the longest first."""
    if not index.names:
        return []
    hay, maps = _skeleton_text(text)
    found = []
    for last, (length, pcodes, article_first, lost) in index.automaton.iter(f" {hay} "):
        found.append((last - length - 1, 1 - last, pcodes, article_first, lost))
    found.sort()
    mentions, cursor = [], 0
    for start, end, pcodes, article_first, lost in found:
        end = -end
        if start < cursor:
            continue
        a, b = _back(maps, start), _back(maps, end - 1 - lost) + 1
        # letters the skeleton dropped at the end belong to the name ("Mallah"), apostrophes do not
        after = _back(maps, end - lost)
        while b < after and text[b].isalpha():
            b += 1
        words = _SPAN_WORDS.findall(text, a, b)
        if not words or not _capitalised(words):
            continue
        cursor = end
        if _part_of_longer_name(index, text, a, article_first):
            continue
        if _INSTITUTION_AFTER.match(text, b, min(len(text), b + 20)):
            continue  # "al-Rashideen Mosque", "al-Quds Hospital": a building's or a unit's name
        hint = _hint(text, a, b)
        weak = bool(_WEAK_AFTER.match(text, b, min(len(text), b + 40))
                    or _WEAK_AROUND.search(text, max(0, a - 20), a)
                    or _SINCE_BEFORE.search(text, max(0, a - 30), a))
        written = normalise(text[a:b])
        candidates = index.written.get(written) or pcodes
        if hint == "neighbourhood" and not _has_quarter(index, candidates):
            # "al-Midan neighbourhood": Aleppo's Midan, not the village spelt Al-Midan
            first, _, rest = written.partition(" ")
            bare = index.names.get(skeleton(rest)) if first in ARTICLES and rest else None
            candidates = bare if bare and _has_quarter(index, bare) else pcodes
        mentions.append(Mention(a, b, candidates, hint, weak, text))
    if "Tags" in text:
        # A web page's tag list ("Tags Syria Raqqa Aleppo Russia human rights ...") is no place the report
        # is about.
        runs = [match.span() for match in _TAGS.finditer(text)]
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in runs)]
    capital = index.capital
    if capital and ("capital" in text or "Capital" in text):
        damascus = [m.end for m in mentions if capital in m.candidates or "SY03" in m.candidates]
        for match in _THE_CAPITAL.finditer(text):
            a, b = match.span()
            k = bisect.bisect_right(damascus, a)
            if k and a - damascus[k - 1] < 150:
                continue  # "outside Damascus ... the centre of the Syrian capital": Damascus is named
            # (weak: the report's subject is what it names, not its asides about the capital)
            mentions.append(Mention(a, b, [capital], _hint(text, a, b), True, text))
        mentions.sort(key=lambda m: m.start)
    _resolve(index, mentions)
    return [m for m in mentions if m.pcode]


_TAGS = re.compile(r"\bTags(?:\s+[A-Z][\w'\-]*)+")
# Syria's capital named without its name: "the Syrian capital", "Syria's capital", "the capital" (not "the
# capital of Raqqa province", "the capital Damascus" or "the ISIS capital").
_THE_CAPITAL = re.compile(r"\b(?:the\s+(?:Syrian\s+)?|Syria'?s\s+)capital\b(?!\s+of\b|\s+(?:city\s+)?[A-Z])")


def _has_quarter(index, pcodes):
    return any(index.places[p].get("level") in ("neighbourhood", "area") for p in pcodes if p in index.places)


def governorates_named(index, mentions):
    """The P-codes of the governorates the mentions name by a governorate's own name or alias
    ("Aleppo", "Idleb province", "Ghouta"), however the name was resolved in its sentence (the city
    Aleppo names the governorate Aleppo too), or by a named area that bears it ("eastern Aleppo");
    a village or neighbourhood names none."""
    named = set()
    for mention in mentions:
        for pcode in mention.candidates:
            if (index.places.get(pcode) or {}).get("level") == "admin1":
                named.add(pcode)
        if mention.pcode and index.places[mention.pcode].get("level") == "area":
            named.add(index.admin1(mention.pcode))
    named.discard(None)
    return named


def governorates_in(text, gazetteer):
    """governorates_named() of a whole text (a report's title and body), through the same matching
    as extract()."""
    from .text import working_copy

    index = gazetteer.index
    return governorates_named(index, find_mentions(index, working_copy(text or "")))


def _part_of_longer_name(index, text, start, article_first):
    """Whether a match is the tail of a longer name: "Urum al-Kubra", "Tel Hamis"."""
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    low = word.lower()
    if low in NAME_PREFIXES:
        return skeleton(low) not in index.names
    if not (article_first and word[:1].isupper() and low not in _LOWER_BEFORE):
        return False
    return skeleton(low) not in index.names  # "Aleppo al-Sakhour": two places side by side


_LOWER_BEFORE = {"in", "of", "the", "from", "near", "and", "at", "on", "to", "into", "outside", "inside",
                 "around", "toward", "towards", "across", "via", "between", "for", "by", "with", "eastern",
                 "western", "northern", "southern", "central", "rural", "rebel", "city", "town", "province",
                 "village", "district", "syrias", "syria"}


def _capitalised(words):
    return any(w[:1].isupper() or _is_arabic(w) for w in words) and (
        words[-1][:1].isupper() or _is_arabic(words[-1]) or len(words) > 1)


def _hint(text, start, end):
    after = _NEXT.match(text, end, min(len(text), end + 40))
    after = after.group(1).lower() if after else ""
    before = text[max(0, start - 40):start].lower()
    if after in _PROVINCE_WORDS or _PROVINCE_OF.search(before) or before.endswith("rural "):
        return "province"
    if after in _NEIGHBOURHOOD_WORDS or _NEIGHBOURHOOD_OF.search(before):
        return "neighbourhood"
    if after in _CITY_WORDS or _CITY_OF.search(before):
        return "city"
    if _AROUND.search(before):
        return "around"
    return None


_PROVINCE_OF = re.compile(r"(?:province|governorate|countryside)\s+of\s+$")
_CITY_OF = re.compile(r"(?:city|town|village)\s+of\s+$")
_NEIGHBOURHOOD_WORDS = {"neighbourhood", "neighborhood", "quarter", "neighbourhoods", "neighborhoods"}
_NEIGHBOURHOOD_OF = re.compile(r"(?:neighbou?rhood|quarter)\s+of\s+$")
# The surroundings of a city rather than the city: "near Damascus", "outside the capital Damascus", "on the
# outskirts of Damascus", "the suburbs of Damascus", "east of Damascus".
_AROUND = re.compile(r"(?:\bnear(?:by)?|\boutside(?:\s+of)?|\boutskirts\s+of|\bsuburbs\s+of|\baround|"
                     r"\b(?:east|west|north|south|northeast|northwest|southeast|southwest)\s+of)\s+"
                     r"(?:the\s+)?(?:(?:syrian\s+)?capital\s*,?\s*)?$")


# What ties a name to the place named right after it: "the Midan neighbourhood of Damascus", "Midan in
# Damascus", "Saraqeb, Idlib province", "a village in the Hama countryside", "in the city of Aleppo".
_TIED_TO_NEXT = re.compile(
    r"\s*(?:(?:neighbou?rhood|district|quarter|area|suburb|village|town|city|camp|region|sub-?district)s?\s+)?"
    r"(?P<link>of|in|,)\s+(?:the\s+)?(?:(?:city|town|province|governorate|countryside|region)\s+of\s+)?"
    r"(?:(?:eastern|western|northern|southern|central|rural|besieged|opposition-held|rebel-held|government-held)\s+)?")
# ...and to the place named right before it: "Damascus's Midan district", "Damascus' Midan".
_TIED_TO_PREVIOUS = re.compile(r"(?:'s|s'|')\s+")


def _resolve(index, mentions):
    """Choose one P-code per mention. A name tied to a place the text names with it ("Midan in
    Damascus") takes the candidate inside that place, and when none lies there, that larger place,
    never a namesake elsewhere. Otherwise hints first, then the most specific of a chain, then the
    governorates that unambiguous mentions point to; a shared name none of whose places lies in
    those governorates is left out rather than given to a namesake elsewhere."""
    options = [_narrow(index, m.candidates, m.hint) for m in mentions]
    tied = [False] * len(mentions)
    for i, mention in enumerate(mentions):
        container = None
        if i + 1 < len(mentions):
            gap = _TIED_TO_NEXT.match(_gap_text(mentions[i], mentions[i + 1]))
            # a comma lists places ("Aleppo, Hama and Damascus") unless a governorate follows it
            if gap and gap.end() == mentions[i + 1].start - mentions[i].end and (
                    gap.group("link") != "," or mentions[i + 1].hint == "province"):
                container = i + 1
        if container is None and i > 0:
            gap = _TIED_TO_PREVIOUS.fullmatch(_gap_text(mentions[i - 1], mention))
            if gap and index.depth(options[i - 1][0]) < 5:
                container = i - 1
        if container is None:
            continue
        named = options[container]
        outer = [p for p in mentions[container].candidates if p in index.places]
        if mentions[container].hint == "province":
            outer = named
        if min(index.depth(p) for p in outer) >= max(index.depth(p) for p in options[i]):
            continue  # two places of one rank side by side, not one inside the other
        if any(index.contains(o, p) or index.contains(p, o) for o in named for p in options[i]):
            inside = [p for p in options[i] if any(index.contains(o, p) for o in named)]
            if inside:
                options[i] = inside
            continue  # "Aleppo city" and "Aleppo": the same chain, no tie to judge
        inside = [p for p in mention.candidates if p in index.places and any(index.contains(o, p) for o in outer)]
        options[i] = _narrow(index, inside, mention.hint) if inside else named
        tied[i] = True
    votes = {}
    pending = []
    for mention, opts, is_tied in zip(mentions, options, tied):
        if len(opts) == 1:
            mention.pcode = opts[0]
            a1 = index.admin1(opts[0])
            if a1 and not is_tied:
                votes[a1] = votes.get(a1, 0) + 1
        else:
            pending.append((mention, opts))
    # Damascus city lies inside Rural Damascus: a report naming one names the other's surroundings
    # ("Madaya, near Damascus").
    for inner, outer in _ENCLOSED_GOVERNORATES:
        if inner in votes or outer in votes:
            votes[inner] = votes[outer] = votes.get(inner, 0) + votes.get(outer, 0)
    for mention, opts in pending:
        # A town that gives its name to a sub-district (Madaya) beats a village of the same name
        # (Madaya in Idlib) whenever the report names the town's governorate at all.
        scored = sorted(opts, key=lambda p: (-(votes.get(index.admin1(p), 0) > 0), -_rank(index, p, mention.candidates),
                                             -votes.get(index.admin1(p), 0)))
        best = scored[0]
        if votes and not votes.get(index.admin1(best)) and len({index.admin1(p) for p in opts}) > 1:
            continue  # the report names none of their governorates: no namesake elsewhere
        if len(scored) > 1 and votes.get(index.admin1(best), 0) == votes.get(index.admin1(scored[1]), 0) \
                and _rank(index, best, mention.candidates) == _rank(index, scored[1], mention.candidates):
            continue
        mention.pcode = best
    _drop_namesakes_elsewhere(index, mentions, tied)


def _drop_namesakes_elsewhere(index, mentions, tied):
    """In a report that names governorates, a place in one it never names stands for a namesake the
    gazetteer lacks ("al-Qusour" of Deir ez-Zor read as Damascus's, a wedding hall called Sanabel on the
    Hasakeh road read as the village in Aleppo, a person called Mansour): it is left out, and its
    figures go to the larger place the sentence or the report names. Kept: a place tied to one the text
    names with it; a town that gives its name to its district or sub-district (Manbij, Douma), which
    news names alone; a village the report names twice, or with another place of its governorate.
    A neighbourhood needs its governorate named."""
    named = governorates_named(index, [m for m in mentions if m.pcode])
    if not named:
        return
    named |= {outer for inner, outer in _ENCLOSED_GOVERNORATES if inner in named}
    named |= {inner for inner, outer in _ENCLOSED_GOVERNORATES if outer in named}
    places_by_admin1, times = {}, {}
    for mention in mentions:
        if mention.pcode:
            places_by_admin1.setdefault(index.admin1(mention.pcode), set()).add(mention.pcode)
            times[mention.pcode] = times.get(mention.pcode, 0) + 1
    for mention, is_tied in zip(mentions, tied):
        pcode = mention.pcode
        if pcode is None or is_tied or index.depth(pcode) < 4:
            continue
        admin1 = index.admin1(pcode)
        if admin1 is None or admin1 in named:
            continue
        if index.places[pcode].get("level") != "neighbourhood" and (
                len(places_by_admin1[admin1]) > 1 or times[pcode] > 1 or _gives_its_name(index, pcode)):
            continue
        mention.pcode = None


def _gives_its_name(index, pcode):
    """Whether a district or sub-district above a place bears its name (Manbij, Douma)."""
    own = skeleton(normalise(index.places[pcode].get("name_en") or ""))
    return any(skeleton(normalise(index.places[a].get("name_en") or "")) == own for a in index.ancestors(pcode)
               if index.places[a].get("level") in ("admin2", "admin3"))


_ENCLOSED_GOVERNORATES = [("SY01", "SY03")]


def _gap_text(first, second):
    return first.text[first.end:second.start] if second.start - first.end <= 60 else "\x00"


def _narrow(index, candidates, hint):
    options = [p for p in candidates if p in index.places]
    if hint in ("province", "around"):
        # Damascus's countryside and surroundings are Rural Damascus, the governorate around the city's.
        outer = {dict(_ENCLOSED_GOVERNORATES).get(index.admin1(p)) for p in options} - {None}
        if outer:
            return sorted(outer)
    if hint == "province":
        wider = [p for p in options if index.places[p].get("level") == "admin1"]
        if wider:
            return wider
    if hint == "neighbourhood":
        quarters = [p for p in options if index.places[p].get("level") in ("neighbourhood", "area")]
        if quarters:
            return quarters
    if hint in ("city", "neighbourhood"):
        towns = [p for p in options if index.places[p].get("level") in ("community", "neighbourhood", "area")]
        if towns:
            options = towns
    # Homs the governorate, district, sub-district and city: the name means the city.
    specific = [p for p in options if not any(q != p and p in index.ancestors(q) for q in options)]
    return specific or options


def _rank(index, pcode, candidates):
    """Prefer a place whose name a district or sub-district also bears (a district's main town)."""
    return 1 if any(c != pcode and c in index.ancestors(pcode) for c in candidates) else 0


# Places listed side by side: "in Aleppo, Hama and Damascus", "Idlib and Aleppo provinces".
# (and, in headlines that lost their commas, names side by side: "Rocket Attacks in Deir Ezzor Aleppo")
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|and\s+|&\s*|or\s+)(?:(?:in|the|its|rural)\s+)?$|"
                     r"[^\S\n]$", re.I)
# Words that make a count the whole country's: "across Syria", "in Syria since 2011", "Syria's war".
_COUNTRY_WORDS = re.compile(
    r"\b(?:across|throughout|all\s+over)\s+(?:syria|the\s+country)\b|\bnation-?wide\b|\bcountry-?wide\b|"
    r"\bin\s+syria\s+since\b|\bsyria'?s\s+(?:\w+\s+)?(?:war|conflict|uprising)\b|"
    r"\b(?:war|conflict|uprising)\s+in\s+syria\b", re.I)
COUNTRY_SCALE = 100000


def _nearest(starts, anchor):
    """The index of the start nearest `anchor` in sorted `starts` (the earlier on a tie): a bisection."""
    i = bisect.bisect_left(starts, anchor)
    if i == 0:
        return 0
    if i == len(starts) or anchor - starts[i - 1] <= starts[i] - anchor:
        return bisect.bisect_left(starts, starts[i - 1])
    return i


class CountryCues:
    """What one sentence tells of the country as the place of its counts, read once per sentence and
    then asked per figure with a bisection (asked afresh per figure, a sentence listing thousands of
    counts and places would cost the square of its length).

    `local`: the sentence's place mentions (absolute offsets); `items`: (start, end, pcode) of its places
    below the country, relative to the sentence, sorted; `offset`: the sentence's start."""

    def __init__(self, index, local, items, sentence, offset):
        self.index, self.sentence = index, sentence
        named = sorted((m.start - offset, m.pcode) for m in local if m.pcode)
        self.named_starts = [start for start, _ in named]
        self.named_pcodes = [pcode for _, pcode in named]
        self.only_country = bool(named) and all(index.depth(pcode) == 0 for pcode in self.named_pcodes)
        self.item_starts = [start for start, _, _ in items]
        # Places listed side by side ("in Aleppo, Hama and Damascus") that lie in more than one
        # governorate: a figure nearest one of them is the country's; the text does not say which.
        self.item_listed = [False] * len(items)
        first = 0
        for i in range(1, len(items) + 1):
            if i < len(items) and _LISTED.match(sentence[items[i - 1][1]:items[i][0]]) \
                    and items[i][0] - items[i - 1][1] < 40:
                continue
            if i - first > 1 and len({index.admin1(pcode) for _, _, pcode in items[first:i]} - {None}) > 1:
                self.item_listed[first:i] = [True] * (i - first)
            first = i
        self.any_listed = any(self.item_listed)
        self._country_words = None

    def listed(self, anchor):
        """The country when the place nearest the figure is one of several governorates listed."""
        if self.any_listed and self.item_listed[_nearest(self.item_starts, anchor)]:
            return self.index.country()
        return None

    @property
    def country_words(self):
        if self._country_words is None:
            self._country_words = bool(_COUNTRY_WORDS.search(self.sentence))
        return self._country_words

    def country(self, anchor, cumulative, kind, value):
        """The country for a count about the whole of it: said so ("across Syria", "in Syria since
        2011", "Syria's war") as a running total, or a toll no single place holds, when no place named
        in the sentence lies nearer the figure than the country's name."""
        country = self.index.country()
        if country is None:
            return None
        if self.only_country and (cumulative or (value or 0) >= 10000):
            return country  # "some 600,000 people live under siege in Syria"
        # (not the displaced: one offensive can drive 100,000 people from one district)
        # No governorate of Syria has lost 100,000 people: such a toll is the war's, whatever place the
        # sentence names ("Aleppo has been devastated by the war, which has killed more than 300,000").
        if kind in ("killed", "injured", "missing") and (value or 0) >= COUNTRY_SCALE:
            return country
        if not (cumulative and self.country_words):
            return None
        if not self.named_pcodes:
            return country
        nearest = self.named_pcodes[_nearest(self.named_starts, anchor)]
        return country if self.index.depth(nearest) == 0 else None
