"""Counts as the text states them: digits, spelled-out numbers, vague amounts, qualifiers and ranges.

`MENTION` finds a count; `read_mention(match)` turns it into (value, qualifier, low, high).
Every pattern is linear: bounded repetitions of word alternatives, no nested open-ended groups.
"""

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# The contract's conservative lower bounds for vague amounts.
VAGUE = {
    "several": 3, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20000, "hundreds of thousands": 200000, "millions": 2_000_000,
    # Beyond the contract's list, read the same way (the dev set's conventions, DEVSET.md):
    # "several dozen" is three dozen, "several hundred" three hundred; "tens of" civilians at least 20.
    "several dozen": 36, "several hundred": 300, "several thousand": 3000, "tens": 20,
}

QUALIFIERS = [
    (r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of", "at_least"),
    (r"(?:well|far)\s+(?:over|above|more\s+than)|more\s+than|over|upwards\s+of|in\s+excess\s+of", "more_than"),
    (r"some|about|around|approximately|an\s+estimated|estimated|nearly|almost|roughly|close\s+to|"
     r"an\s+approximate", "about"),
    (r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most|a\s+maximum\s+of", "up_to"),
    (r"a\s+total\s+of|a\s+further|another|an\s+additional", "exact"),
]

_WORD = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
_FIRST_WORD = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
# "a hundred", "a thousand and fifty" as well as "one hundred"
_SPELLED = rf"(?:a\s+(?:hundred|thousand)|{_FIRST_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD})){{0,8}}"
_FRACTION = r"(?:a\s+)?quarter\s+(?:of\s+)?a\s+million|half\s+a\s+million|a\s+million"
# "200 000": thousands set apart by a space (only whole thousands, so that "July 30 2014" stays a date)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![,.]?\d)|\d{1,3}(?:\s000)+(?![\d,.])|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
NUMBER = rf"(?:{_DIGITS}|{_SPELLED})"
_VAGUE = (r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|several\s+(?:dozen|hundred|thousand)(?!\s+thousand)|several|"
          r"dozens|scores|hundreds|thousands|millions|tens(?=\s+of\s)")
_QUAL = "|".join(f"(?:{pattern})" for pattern, _ in QUALIFIERS)

# One relative named by a possessive: "her child", "his wife" anywhere; the others only beside the person
# they belong to ("a civilian was killed and his son was injured"), not in an anecdote about someone
# already counted ("a man cried out after learning his son had died").
CLOSE_RELATIVE = r"(?:child|baby|infant|mother|wife)"
RELATIVE = r"(?:child|baby|infant|mother|wife|son|daughter|husband|father|brother|sister)"

MENTION = re.compile(
    rf"(?<![\w$£€.,/-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo1>{NUMBER})\s+and\s+(?P<hi1>{NUMBER})"
    rf"|(?P<lo2>{NUMBER})\s+to\s+(?P<hiq>(?:more\s+than|over|at\s+least)\s+)?(?P<hi2>{NUMBER})(?![\w-])"
    rf"|(?P<lo3>\d+)\s*[-–]\s*(?P<hi3>\d+)(?![\w-])"
    rf"|(?P<dozen>(?:half\s+a|a|one|two|three|four|five|six)\s+dozen)(?!\s+of\b|s)"
    rf"|(?P<fraction>{_FRACTION})"
    rf"|(?P<single>(?:a|an|one|another)(?=\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:child|boy|girl|baby|infant|woman|mother|man|adult|civilian|person|soldier|fighter|rebel|militant|"
    rf"journalist|activist|doctor|nurse|paramedic|volunteer|officer|policeman|resident|commander|pilot|"
    rf"gunman|jihadist|terrorist|student|teacher|worker|medic|driver|citizen|farmer|shepherd|photographer|reporter|"
    rf"rescuer|patient|toddler|militiaman|serviceman|protester)\b)"
    rf"|(?:her|his|their)(?=\s+{CLOSE_RELATIVE}\b)"
    rf"|(?:(?<=\band\s)|(?<=\bwith\s))(?:her|his|their)(?=\s+{RELATIVE}\b))"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<num>{NUMBER}))"
    rf"(?![\w%])",
    re.IGNORECASE,
)

# Where a count can begin: MENTION's own look-behind, then a digit or one of the words its alternatives open
# with (a qualifier's first word, "between", a number word, "half", "quarter", a vague amount, an article or
# possessive), as a whole word. MENTION is tried only there: tried at every position of a sentence (as
# finditer does) it costs more than the rest of reading the counts. An alternative of MENTION or QUALIFIERS
# that opens with another word must add it here (test_numbers compares both on every FA-KES sentence).
_FIRST_WORDS = (
    {"at", "no", "a", "well", "far", "more", "over", "upwards", "in", "some", "about", "around", "approximately",
     "an", "estimated", "nearly", "almost", "roughly", "close", "up", "as", "fewer", "less", "another"}  # QUALIFIERS
    | {"between", "half", "quarter", "one", "her", "his", "their"}
    | {"tens", "hundreds", "several", "dozens", "scores", "thousands", "millions"}  # _VAGUE
    | set(UNITS) | set(TENS))
_MENTION_START = re.compile(
    rf"(?<![\w$£€.,/-])(?:\d|(?:{'|'.join(sorted(_FIRST_WORDS, key=len, reverse=True))})(?!\w))", re.IGNORECASE)
# The same, case-sensitive, for an ASCII sentence lowercased (same length, same offsets): `re` skips an
# alternative whose first letter differs in one test only when the pattern is case-sensitive, so this
# finds the same starts in less than half the time.
_MENTION_START_LOWER = re.compile(_MENTION_START.pattern)


def mentions(sentence):
    """The MENTION matches of a sentence, as MENTION.finditer(sentence) gives them (leftmost, not
    overlapping), trying MENTION only where _MENTION_START says a count can begin."""
    found = []
    position = 0
    if sentence.isascii():
        searched, start_search = sentence.lower(), _MENTION_START_LOWER.search
    else:
        searched, start_search = sentence, _MENTION_START.search
    mention_match = MENTION.match
    while True:
        start = start_search(searched, position)
        if start is None:
            return found
        match = mention_match(sentence, start.start())
        if match is None:
            position = start.start() + 1
        else:
            found.append(match)
            position = match.end()  # (never empty: every alternative reads at least a word)


# Every count MENTION finds holds a digit, a number word, a vague amount or (for "a child", "another
# soldier", "his wife") a person noun: a sentence with none of these has no count, and no figure pattern
# needs to run on it. (A superset of what MENTION matches, searched in the lowercased sentence.)
_PERSON_WORDS = ("child|boy|girl|baby|infant|woman|mother|man|adult|civilian|person|soldier|fighter|rebel|militant|"
                 "journalist|activist|doctor|nurse|paramedic|volunteer|officer|policeman|resident|commander|pilot|"
                 "gunman|jihadist|terrorist|student|teacher|worker|medic|driver|citizen|farmer|shepherd|photographer|"
                 "reporter|rescuer|patient|toddler|militiaman|serviceman|protester|wife|son|daughter|husband|father|brother|sister")
NUMBERISH = re.compile(rf"\d|\b(?:{_WORD}|dozen|several|scores|hundreds|thousands|millions|tens|quarter|half|"
                       rf"{_PERSON_WORDS})")


def has_number(lowered):
    """True when a lowercased sentence may hold a count (see NUMBERISH)."""
    return NUMBERISH.search(lowered) is not None


_QUAL_LOOKUP = [(re.compile(rf"^(?:{pattern})$", re.I), name) for pattern, name in QUALIFIERS]


def qualifier_name(text):
    if not text:
        return "exact"
    for pattern, name in _QUAL_LOOKUP:
        if pattern.match(text):
            return name
    return "exact"


def parse_number(span):
    """The integer a number span says ("1,200", "2.5 million", "two hundred and forty-eight"), or None."""
    span = span.strip().lower()
    if not span:
        return None
    if span[0].isdigit():
        parts = span.split()
        if len(parts) > 1 and all(part == "000" for part in parts[1:]):
            parts = ["".join(parts)]  # "200 000"
        scale = SCALES.get(parts[-1], 1) if len(parts) > 1 else 1
        digits = parts[0].replace(",", "")
        try:
            return int(round(float(digits) * scale)) if "." in digits else int(digits) * scale
        except ValueError:
            return None
    total = current = 0
    seen = False
    if span.startswith("a "):
        span = span[2:]  # "a hundred": the scale alone, once
    for word in re.split(r"[\s-]+", span):
        if word == "and" or not word:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million"):
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def read_mention(match):
    """(value, qualifier, low, high) for a MENTION match, or None when it is not a usable count."""
    qualifier = qualifier_name(match.group("qual"))
    if match.group("vague"):
        value = VAGUE[re.sub(r"\s+", " ", match.group("vague").lower())]
        return value, "vague", value, None
    if match.group("fraction"):
        words = match.group("fraction").lower()
        value = 250_000 if "quarter" in words else 500_000 if "half" in words else 1_000_000
        return (value, qualifier) + bounds(value, qualifier)
    if match.group("single"):
        return (1, qualifier) + bounds(1, qualifier)
    if match.group("dozen"):
        first = match.group("dozen").split()[0].lower()
        # "half a dozen" is six, as "a dozen" is twelve: about, never the dozen it halves
        value = 6 if first == "half" else 12 * (parse_number(first) or 1)
        return value, "about", None, None
    lo = match.group("lo1") or match.group("lo2") or match.group("lo3")
    if lo:
        hi = match.group("hi1") or match.group("hi2") or match.group("hi3")
        low, high = parse_number(lo), parse_number(hi)
        if low is None or high is None or high <= low:
            return None
        if match.group("hiq"):  # "from 10,000 to more than 30,000": no upper bound
            return low, "at_least" if qualifier == "exact" else qualifier, low, None
        return low, qualifier, low, high
    value = parse_number(match.group("num"))
    if value is None:
        return None
    return (value, qualifier) + bounds(value, qualifier)


def bounds(value, qualifier):
    """The range the qualifier allows around a stated number (None = open)."""
    if qualifier in ("at_least", "more_than", "vague"):
        return value, None
    if qualifier == "up_to":
        return None, value
    if qualifier == "about":
        return None, None
    return value, value
