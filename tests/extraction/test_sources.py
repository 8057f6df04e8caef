"""Sources are normalised to one name per organisation."""

import pytest

from reports.extraction.sources import sentence_source

SOHR = "Syrian Observatory for Human Rights"


@pytest.mark.parametrize("sentence", [
    "The Syrian Observatory for Human Rights said 12 people were killed.",
    "12 people were killed, the SOHR said.",
    "The UK-based monitor said 12 people were killed.",
    "12 people were killed, according to the Britain-based monitoring group.",
    "The Observatory said 12 people were killed.",
])
def test_every_name_of_the_observatory_is_one_source(sentence):
    assert sentence_source(sentence) == SOHR


def test_civil_defence_and_white_helmets_are_one_source():
    assert sentence_source("According to the civil defence, 5 people died.") == "Syrian Civil Defence"
    assert sentence_source("The White Helmets said 5 people died.") == "Syrian Civil Defence"


def test_state_television_is_named_as_such():
    assert sentence_source("State television reported that 5 soldiers died.") == "Syrian state television"


def test_state_news_agency_is_sana():
    assert sentence_source("The state news agency SANA said 5 people died.") == "SANA"


def test_sentence_without_a_source_has_none():
    assert sentence_source("Five people died in the attack.") is None


def test_to_monitor_as_a_verb_is_not_a_source():
    assert sentence_source("Observers were sent to monitor the truce after 5 people died.") is None
