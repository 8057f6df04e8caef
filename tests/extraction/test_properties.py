"""Properties over any input: no exception, quotes are the text at their offsets, same input same output."""

import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.extraction import extract

WORDS = ["at least", "12", "three", "people", "children", "were", "killed", "wounded", "including", ",", ".",
         "dozens of", "families", "fled", "Aleppo", "eastern Aleppo", "Idlib", "on Monday", "since",
         "mid-November", "the SOHR said", "water", "no bread", "siege", "under", "hospital", "out of service",
         "<b>", "</p>", "&amp;", "\x00", "\u200f", "حلب", "250,000", "between 10 and 15", "-", "'s", "\n\n"]
texty = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
anything = st.one_of(st.text(max_size=400), texty)
dates = st.one_of(st.none(), st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=anything, report_date=dates)
def test_no_input_raises_and_the_shape_holds(text, report_date):
    result = extract(text, report_date=report_date)
    # the contract's keys, and the governorates the text names (an extra key, for plausibility)
    assert set(result) == {"report_date", "place", "figures", "conditions", "governorates"}
    assert all(code.startswith("SY") and len(code) == 4 for code in result["governorates"])
    json.dumps(result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=anything)
def test_every_quote_is_the_text_at_its_offsets(text):
    result = extract(text)
    for item in result["figures"] + result["conditions"]:
        assert text[item["start"]:item["end"]] == item["quote"]


@settings(max_examples=100, deadline=None)
@given(text=anything)
def test_same_input_gives_the_same_output(text):
    assert extract(text) == extract(text)


def test_html_markup_does_not_hide_a_figure():
    text = "<p>At least <b>12</b> people were killed in <a href='x'>Idlib</a>.</p>"
    [figure] = extract(text)["figures"]
    assert figure["value"] == 12
    assert text[figure["start"]:figure["end"]] == figure["quote"]


def test_bytes_with_invalid_utf8_are_read():
    result = extract(b"Five people were killed \xff in Homs.")
    assert result["figures"][0]["value"] == 5


def test_none_and_non_text_inputs_give_an_empty_reading():
    assert extract(None)["figures"] == []
    assert extract(12345)["figures"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=anything, report_date=dates)
def test_the_reading_itself_never_needs_the_safety_net(text, report_date):
    # extract() turns an internal error into an empty reading; the reading should never need it.
    from reports.extraction.extractor import _extract
    from reports.extraction import Gazetteer
    _extract(text, report_date, Gazetteer.from_data_dir())


def test_a_wide_gap_still_ends_a_sentence_after_the_gap_rule_starts_at_its_first_blank():
    from reports.extraction.text import sentences
    text = "Shelling hit the town" + " " * 6 + "Rebels said 5 people were killed"
    assert [text[a:b] for a, b in sentences(text)] == ["Shelling hit the town", "Rebels said 5 people were killed"]


def test_a_report_ending_in_related_story_links_still_quotes_its_own_figures():
    text = "Shelling killed 5 civilians in the town. Related News " + "Strikes kill 9 " * 300
    found = extract(text)["figures"]
    assert [(f["kind"], f["value"]) for f in found] == [("killed", 5)]
    assert all(text[f["start"]:f["end"]] == f["quote"] for f in found)
