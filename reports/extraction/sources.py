"""Who a sentence says gave a figure, normalised to one name per organisation.

The Observatory is named in many ways ("the Syrian Observatory for Human Rights", "SOHR",
"the UK-based monitor", "the Observatory"): all are one source.
"""

import re

import ahocorasick

# (canonical name, pattern). Order matters only when two patterns overlap on the same words.
SOURCES = [
    ("Syrian Observatory for Human Rights",
     r"syrian\s+observatory(?:\s+for\s+human\s+rights)?|\bsohr\b|(?:the\s+)?observatory"
     r"|(?:uk|u\.k\.|britain|british|london|coventry)[\s-]*based\s+(?:war\s+)?(?:monitor(?:ing\s+group)?|group|"
     r"watchdog|observatory)|\bthe\s+(?:war\s+)?monitor(?:ing\s+group)?\b"),
    ("Syrian Civil Defence", r"civil[\s-]+defen[cs]e|white\s+helmets"),
    ("SANA", r"\bsana\b|syrian\s+arab\s+news\s+agency|(?:state|official)(?:[\s-]+run)?\s+news\s+agency"),
    ("Syrian state television",
     r"(?:syrian\s+)?state(?:[\s-]+run)?\s+(?:television|tv|media)|syrian\s+(?:television|tv)|al[\s-]ikhbariya"),
    ("Syrian Network for Human Rights", r"syrian\s+network\s+for\s+human\s+rights|\bsnhr\b"),
    ("Violations Documentation Center", r"violations?\s+documentation\s+cent(?:er|re)|\bvdc\b"),
    ("Local Coordination Committees", r"local\s+coordination\s+committees|\blccs?\b"),
    ("Syrian American Medical Society", r"syrian\s+american\s+medical\s+society|\bsams\b"),
    ("Doctors Without Borders", r"doctors\s+without\s+borders|m[ée]decins\s+sans\s+fronti[èe]res|\bmsf\b"),
    ("World Health Organization", r"world\s+health\s+organi[sz]ation|(?-i:\bWHO\b)(?=\s+(?:said|says|reported|stated))"),
    ("UNICEF", r"\bunicef\b"),
    ("UNHCR", r"\bunhcr\b|un\s+refugee\s+agency|u\.n\.\s+refugee\s+agency"),
    ("OCHA", r"\bocha\b|office\s+for\s+the\s+coordination\s+of\s+humanitarian\s+affairs"),
    ("International Committee of the Red Cross", r"\bicrc\b|international\s+committee\s+of\s+the\s+red\s+cross|red\s+cross"),
    ("Syrian Arab Red Crescent", r"\bsarc\b|(?:syrian\s+arab\s+)?red\s+crescent"),
    ("United Nations", r"united\s+nations|\bu\.?n\.?\b(?=\s+(?:said|says|officials?|spokesm[ae]n|envoy|agency|report))"),
    ("Amaq", r"\bamaq\b"),
    ("Russian Defence Ministry", r"russian\s+(?:defen[cs]e|defense)\s+ministry|russia'?s\s+defen[cs]e\s+ministry"),
    ("Syrian army", r"syrian\s+(?:arab\s+)?army\s+(?:general\s+)?command|army\s+general\s+command"),
]

# Each source's pattern runs only when one of its cue words is in the sentence (most sentences name
# none). One automaton over every lower-case cue finds them all in one pass over the sentence (an
# upper-case cue, "WHO", is looked for as written); a substring test per cue per source was twice the time.
_CUES = [
    ("observ", "sohr", "monitor"), ("civil", "helmet"), ("sana", "news agency"),
    ("state", "television", " tv", "ikhbariya"), ("network", "snhr"), ("violation", "vdc"),
    ("coordination", "lcc"), ("sams", "medical society"), ("doctors", "decins", "msf"), ("health organ", "WHO"),
    ("unicef",), ("unhcr", "refugee agency"), ("ocha", "coordination of"), ("icrc", "red cross"),
    ("sarc", "red crescent"), ("united nations", "u.n", "un "), ("amaq",), ("ministry",), ("command",),
]
_PATTERNS = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in SOURCES]
_CUE_WORDS = ahocorasick.Automaton()
_CASED_CUES = []  # (cue, source index), looked for as written
for _index, _cues in enumerate(_CUES):
    for _cue in _cues:
        if _cue.isupper():
            _CASED_CUES.append((_cue, _index))
        else:
            _CUE_WORDS.add_word(_cue, (_CUE_WORDS.get(_cue) if _cue in _CUE_WORDS else ()) + (_index,))
_CUE_WORDS.make_automaton()


def find_sources(sentence):
    """[(canonical name, start, end)] for every source named in a sentence, in order."""
    cued = {index for _, indexes in _CUE_WORDS.iter(sentence.lower()) for index in indexes}
    cued.update(index for cue, index in _CASED_CUES if cue in sentence)
    found = []
    for index in sorted(cued):  # in the order of SOURCES, as ties keep it
        name, pattern = _PATTERNS[index]
        for match in pattern.finditer(sentence):
            found.append((name, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


def sentence_source(sentence):
    """The source a sentence attributes its figures to, or None."""
    found = find_sources(sentence)
    return found[0][0] if found else None
