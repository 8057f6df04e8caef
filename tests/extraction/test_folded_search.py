"""The faster ways of searching case-insensitively find exactly what the plain search finds.

text.FoldedSearch (figures' _BEFORE and _SUBGROUP, dates' _DAY_EXPR, extractor's _CUMULATIVE) and the
conditions' rules run case-sensitively over a lowercased ASCII text; numbers.mentions looks for where a
count begins the same way. Our own sentences for the cases where case matters, then every FA-KES sentence.
"""

import re

from reports.extraction import conditions, dates, extractor, figures
from reports.extraction.text import FoldedSearch, sentences, working_copy

FOLDED = {"figures._BEFORE": figures._BEFORE, "figures._SUBGROUP": figures._SUBGROUP,
          "dates._DAY_EXPR": dates._DAY_EXPR, "extractor._CUMULATIVE": extractor._CUMULATIVE}


def spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


def agrees(folded, text, pos=0, endpos=None):
    endpos = len(text) if endpos is None else endpos
    plain = folded.pattern
    found, expected = folded.search(text, pos, endpos), plain.search(text, pos, endpos)
    assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict())), text
    assert spans(folded.finditer(text, pos, endpos)) == spans(plain.finditer(text, pos, endpos)), text


def test_every_folded_pattern_has_its_fast_form():
    for name, folded in FOLDED.items():
        assert folded.lowercase is not None, name
        assert folded.never_empty, name


def test_a_match_is_the_patterns_own_with_the_texts_case():
    match = dates._DAY_EXPR.search("Rebels SAID ON Monday that 12 were killed on 3 MARCH 2016.")
    assert match.group() == "SAID ON Monday" and match.group("weekday") == "Monday"
    found = list(dates._DAY_EXPR.finditer("Rebels SAID ON Monday that 12 were killed on 3 MARCH 2016."))
    assert [m.group() for m in found] == ["SAID ON Monday", "3 MARCH 2016"]
    assert found[1].group("y1") == "2016"
    active = figures._BEFORE.search("An air strike KILLED ")
    assert active.group() == "KILLED " and active.group("killed") == "KILLED"


def test_the_same_matches_whatever_the_case_and_the_bounds():
    for text in ("The war has so far KILLED 300,000 people.", "Over The Past Three Days, 40 were killed.",
                 "Among the dead WERE ", "the VICTIMS, most of them women, INCLUDED ",
                 "On Friday and on Saturday, yesterday and TONIGHT; Jan. 5 and 5 January 2015.",
                 "said on Monday", "", "no day here at all"):
        for folded in FOLDED.values():
            agrees(folded, text)
            agrees(folded, text, 3, max(0, len(text) - 2))


def test_letters_beyond_ascii_are_searched_as_written():
    # the long s is an s to IGNORECASE, and str.lower leaves it as it is
    for text in ("The war has \u017fo far killed 300,000 people.", "\u017fince the start, 40 were killed in Halab (\u062d\u0644\u0628)."):
        agrees(extractor._CUMULATIVE, text)
    assert extractor._CUMULATIVE.search("The war has \u017fo far killed 300,000 people.") is not None
    agrees(dates._DAY_EXPR, "On Monday\u2019s raid in Halab (\u062d\u0644\u0628), 3 were killed.")


def test_a_pattern_that_keeps_case_or_may_match_ascii_otherwise_is_searched_as_it_is():
    for pattern in (r"(?-i:Houses) were destroyed", r"\S+ killed", r"[\u00c0-\u024f]+", r"a\x41", "\u017fiege", r"(a)\1"):
        folded = FoldedSearch(re.compile(pattern, re.IGNORECASE))
        assert folded.lowercase is None, pattern
        agrees(folded, "HOUSES were destroyed; A siege, aA, \u017fiege; Aa")


def test_a_pattern_that_may_match_empty_is_stepped_through_by_re():
    folded = FoldedSearch(re.compile(r"\b(?:killed)?", re.IGNORECASE))
    assert not folded.never_empty
    agrees(folded, "Five KILLED, two killed")


def test_every_fakes_sentence():
    from tests.extraction.fakes import read_fakes

    checked = 0
    for row in read_fakes():
        work = working_copy(row.text)
        for start, end in sentences(work):
            sentence = work[start:end]
            for folded in FOLDED.values():
                agrees(folded, sentence)
                agrees(folded, sentence[-130:])  # as figures searches the words before a count
            present = conditions._sectors(sentence.lower())  # (the rules run only on their sectors' sentences)
            for sector, severity, pattern, lowercase in conditions._COMPILED:
                if sector not in present:
                    continue
                plain = conditions._ignoring_case(pattern).finditer(sentence)
                if lowercase is not None and sentence.isascii():
                    assert [m.span() for m in lowercase.finditer(sentence.lower())] == [m.span() for m in plain], sentence
            checked += 1
    assert checked > 9000


def test_conditions_read_the_same_in_capitals():
    sentence = "Water supplies to the eastern districts were cut off, and the hospital was put out of service."
    lowered = conditions.sentence_conditions(sentence, 0)
    assert [c[:2] for c in lowered] == [("water", 4), ("health", 4)]
    assert [c[:2] for c in conditions.sentence_conditions(sentence.upper(), 0)] == [c[:2] for c in lowered]
    # a sentence beyond ASCII takes the patterns with IGNORECASE
    assert [c[:2] for c in conditions.sentence_conditions(sentence.upper() + " (\u062d\u0644\u0628)", 0)] \
        == [c[:2] for c in lowered]
