"""A same-length working copy of a report, and its sentences.

Every later step searches the working copy and quotes the original: HTML tags, entities and control
characters become spaces of the same length, so an offset in one is the same offset in the other and
`text[start:end]` is always the quote.
"""

import functools
import re
import sys

_TAG = re.compile(r"<[^<>]{0,500}>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
# (one character for one: replaced one by one, as str.replace scans in C, where str.translate with a
# table looks each character up, forty times the time)
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
           ("\u2014", "-"), ("\u00a0", " "))


def working_copy(text):
    """The text with markup and control characters blanked out, same length, same offsets."""
    text = _TAG.sub(lambda m: " " * len(m.group()), text)
    text = _CONTROL.sub(" ", text)
    for quote, plain in _QUOTES:
        text = text.replace(quote, plain)
    return text


_ABBREVIATIONS = {"u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "maj", "sgt",
                  "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "e.g", "i.e", "prof",
                  "rev", "gov", "sen", "rep", "capt", "brig", "cpl", "pte", "jr", "sr", "inc", "co", "ltd"}
# A sentence ends at . ! ? (then space and a capital, digit or quote), or at a blank line / wide gap.
# (A wide gap is tried only at its first space: tried inside a long run of blanks, as a blanked page's
# furniture is, it would cost the square of the run's length.) The look-ahead first turns away, in one
# test, every character that opens no boundary (most of them): half the time of trying each alternative.
_BOUNDARY = re.compile(r"(?=[.!?\s])(?:[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"'])|(?<!\s)\s{4,}(?=[A-Z\"'])"
                       r"|[.!?]+[\"')\]]*\s*$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentences(text):
    """[(start, end)] spans of the sentences of a working copy, in order, skipping blank ones."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith("."):
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        end = match.end()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class FoldedSearch:
    """A case-insensitive pattern's search() and finditer(), finding the same matches sooner in ASCII text: there the
    pattern's lowercase form runs without IGNORECASE over the lowercased text (same length, same offsets;
    `re` turns away an alternative whose first letter differs in one test only when case counts, and tries
    each in turn when it does not), and the pattern itself is then matched where that one found a match,
    so the match returned is the pattern's own. The text is lowercased whole. A pattern with a part that
    keeps case ("(?-i:...)"), an upper-case, hex or octal escape or a letter outside ASCII, and any text
    outside ASCII, are searched as they are."""

    def __init__(self, pattern):
        self.pattern = pattern
        text = pattern.pattern
        # (a letter outside ASCII may match an ASCII one, "ſ" matches "s"; a letter written as an escape is
        # not lowercased with the pattern)
        escaped = [chr(int(a or b, 16)) for a, b in re.findall(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))", text)]
        keeps_case = ("(?-i" in text or re.search(r"\\[A-Z0-7]", text) or any(c.isalpha() for c in escaped)
                      or any(not c.isascii() and c.isalpha() for c in text))
        lowercase = text.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")  # (named groups keep their syntax)
        self.lowercase = None if keeps_case else re.compile(lowercase, pattern.flags & ~re.IGNORECASE)

    def search(self, string, pos=0, endpos=sys.maxsize):
        if self.lowercase is None or not string.isascii():
            return self.pattern.search(string, pos, endpos)
        found = self.lowercase.search(string.lower(), pos, endpos)
        return None if found is None else self.pattern.match(string, found.start(), endpos)

    @functools.cached_property
    def never_empty(self):
        """Whether no match can be empty: finditer below steps from one match's end to the next match,
        which is re's own way only for matches that are never empty."""
        return re._parser.parse(self.pattern.pattern, self.pattern.flags).getwidth()[0] > 0

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        if self.lowercase is None or not string.isascii() or not self.never_empty:
            yield from self.pattern.finditer(string, pos, endpos)
            return
        lowered, search, match = string.lower(), self.lowercase.search, self.pattern.match
        while (found := search(lowered, pos, endpos)) is not None:
            found = match(string, found.start(), endpos)
            yield found
            pos = found.end()
