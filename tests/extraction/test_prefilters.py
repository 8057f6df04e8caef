"""The cheap tests that spare a sentence a pattern search never lose what the search finds."""

from reports.extraction import extract


def since_of(text):
    return [(f["value"], f["cumulative"], f["since"]) for f in extract(text)["figures"]]


def test_since_is_read_whatever_its_case():
    assert since_of("Since the start of the war in 2011, at least 300,000 people have been killed, the monitor said.") \
        == [(300000, True, "the start of the war")]
    assert since_of("SINCE THE START OF THE WAR IN 2011, AT LEAST 300,000 PEOPLE HAVE BEEN KILLED.") \
        == [(300000, True, "THE START OF THE WAR")]


def test_since_is_read_in_a_sentence_with_letters_beyond_ascii():
    # case-insensitive matching takes the long s for an s, as str.lower does not
    assert since_of("\u017fince the start of the war in 2011, at least 300,000 people have been killed.") \
        == [(300000, True, "the start of the war")]
    assert since_of("Since the start of the war in 2011 at least 300,000 people have been killed in Halab (\u062d\u0644\u0628).") \
        == [(300000, True, "the start of the war")]


def test_a_sentence_without_since_has_no_since():
    assert since_of("At least 30 people were killed in Douma on Monday.") == [(30, False, None)]
