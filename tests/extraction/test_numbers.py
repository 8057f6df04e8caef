"""Counts as written: digits, words, vague amounts, qualifiers, ranges."""

from reports.extraction.numbers import MENTION, mentions, parse_number, read_mention


def read(text):
    return read_mention(MENTION.search(text))


def test_digits_with_thousands_separators():
    assert parse_number("250,000") == 250000


def test_decimal_with_scale_word():
    assert parse_number("2.5 million") == 2500000


def test_spelled_out_number_with_and_and_hyphen():
    assert parse_number("two hundred and forty-eight") == 248


def test_spelled_out_thousands():
    assert parse_number("three thousand five hundred") == 3500


def test_plain_number_is_exact_with_closed_bounds():
    assert read("14 people") == (14, "exact", 14, 14)


def test_at_least_opens_the_upper_bound():
    assert read("at least 12 people") == (12, "at_least", 12, None)


def test_no_fewer_than_is_at_least():
    assert read("no fewer than 30 people")[1] == "at_least"


def test_more_than_and_over_are_more_than():
    assert read("more than 750 civilians")[1] == "more_than"
    assert read("over 40 people")[1] == "more_than"


def test_some_and_nearly_are_about():
    assert read("some 250,000 civilians")[:2] == (250000, "about")
    assert read("nearly 100 people")[1] == "about"


def test_up_to_and_as_many_as_close_the_upper_bound():
    assert read("up to 50 people") == (50, "up_to", None, 50)
    assert read("as many as 50 people")[1] == "up_to"


def test_a_total_of_is_exact():
    assert read("a total of 248 people")[:2] == (248, "exact")


def test_between_range_keeps_both_ends():
    assert read("between 10 and 15 people") == (10, "exact", 10, 15)


def test_to_range_keeps_both_ends():
    assert read("10 to 15 people") == (10, "exact", 10, 15)


def test_hyphen_range_keeps_both_ends():
    assert read("10-15 people") == (10, "exact", 10, 15)


def test_dozens_has_the_contract_lower_bound():
    assert read("dozens of families") == (24, "vague", 24, None)


def test_hundreds_of_thousands_is_one_vague_amount():
    assert read("hundreds of thousands of people") == (200000, "vague", 200000, None)


def test_tens_of_thousands_is_one_vague_amount():
    assert read("tens of thousands of people")[0] == 20000


def test_several_scores_thousands_millions_bounds():
    assert [read(w + " people")[0] for w in ("several", "scores of", "thousands of", "millions of")] == \
        [3, 40, 2000, 2000000]


def test_a_dozen_is_about_twelve():
    assert read("a dozen people")[:2] == (12, "about")


def test_several_dozen_is_three_dozen_and_vague():
    assert read("several dozen people") == (36, "vague", 36, None)


def test_several_hundred_is_three_hundred_and_vague():
    assert read("several hundred fighters") == (300, "vague", 300, None)


def test_tens_of_is_at_least_twenty():
    assert read("tens of civilians") == (20, "vague", 20, None)


def test_tens_of_thousands_is_still_twenty_thousand():
    assert read("tens of thousands of people") == (20000, "vague", 20000, None)


def test_well_over_is_more_than():
    assert read("well over 1,000 people")[:2] == (1000, "more_than")


def test_range_to_more_than_has_no_upper_bound():
    assert read("from 10,000 to more than 30,000 people") == (10000, "at_least", 10000, None)


def test_half_a_dozen_is_six_about_not_a_dozen():
    assert read("half a dozen injured boys")[:2] == (6, "about")


def test_thousands_set_apart_by_a_space_are_one_number():
    from reports.extraction import extract
    found = extract("Nearly 200 000 civilians remain trapped in the city.")["figures"]
    assert [(f["kind"], f["group"], f["value"]) for f in found] == [("trapped", "civilians", 200000)]
    assert extract("On July 30 2014 000 bombs fell.")["figures"] == []


# mentions() tries MENTION only where a count can begin; it must find exactly what finditer finds.
MENTION_SENTENCES = [
    "At least 14 people were killed and some 30 others wounded in Douma on Monday.",
    "Between 20 and 25 fighters died; upwards of 1,000 fled, as many as 200 000 were displaced.",
    "Fifty-five civilians, including twenty-one children, were killed; another soldier and his wife died.",
    "Hundreds of thousands fled, tens of thousands were trapped and several dozen were wounded.",
    "A quarter of a million people, half a dozen medics, a child and an estimated 3.5 million displaced.",
    "Well over 300 died, far more than 40 were hurt, no fewer than 12 are missing, close to 90 evacuated.",
    "The 2013 attack on 12/05 at 10.30 killed $5 worth, £3, €4, 3-4 people, 10 to more than 30 civilians.",
    "Seventeenfold twentyish oneself, anyone, someone, an, a, seven-year-old, 7-year-old, 20%, 2nd.",
    "ONE HUNDRED AND TWENTY KILLED IN ALEPPO; Ninety Wounded; THOUSANDS FLEE",
    "",
]


def test_mentions_are_what_finditer_finds():
    for sentence in MENTION_SENTENCES:
        assert [m.span() for m in mentions(sentence)] == [m.span() for m in MENTION.finditer(sentence)], sentence
    assert [m.group() for m in mentions(MENTION_SENTENCES[0])] == ["At least 14", "some 30"]


def test_mentions_are_what_finditer_finds_in_every_fakes_sentence():
    from tests.extraction.fakes import read_fakes
    from reports.extraction.text import sentences, working_copy

    checked = 0
    for row in read_fakes():
        work = working_copy(row.text)
        for start, end in sentences(work):
            sentence = work[start:end]
            assert [m.span() for m in mentions(sentence)] == [m.span() for m in MENTION.finditer(sentence)], sentence
            checked += 1
    assert checked > 9000


def test_a_hundred_and_a_thousand_are_read_as_the_scale_once():
    assert [parse_number(s) for s in ("a hundred", "a thousand", "a hundred and fifty", "a thousand two hundred")] == [
        100, 1000, 150, 1200]
