"""The two seed reports (read from ../shared at run time) come out exactly as an analyst records them."""

import pytest

from reports.extraction import extract
from tests.conftest import SEEDS


def _read(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text("utf-8")
    return text, extract(text)


@pytest.fixture(scope="module")
def seed_000():
    return _read("000")


@pytest.fixture(scope="module")
def seed_003():
    return _read("003")


def keys(result):
    return sorted((f["kind"], f["group"], f["value"]) for f in result["figures"])


def figure(result, kind, group, value):
    matches = [f for f in result["figures"] if (f["kind"], f["group"], f["value"]) == (kind, group, value)]
    assert len(matches) == 1, f"expected one {kind}/{group}/{value}, got {keys(result)}"
    return matches[0]


# --- seed 000: Aleppo, dateline 2016-09-27 --------------------------------------------------------

def test_seed_000_publication_date_comes_from_the_dateline(seed_000):
    assert seed_000[1]["report_date"] == "2016-09-27"


def test_seed_000_has_exactly_the_five_figures_an_analyst_records(seed_000):
    assert keys(seed_000[1]) == sorted([
        ("killed", "people", 12), ("killed", "children", 3), ("killed", "people", 248),
        ("trapped", "civilians", 250000), ("displaced", "people", 24)])


def test_seed_000_report_is_about_eastern_aleppo(seed_000):
    assert seed_000[1]["place"] == {"name": "eastern Aleppo", "pcode": "C1007-EAST", "admin1": "SY02"}


def test_seed_000_mondays_raids_killed_at_least_twelve_on_the_monday(seed_000):
    f = figure(seed_000[1], "killed", "people", 12)
    assert (f["qualifier"], f["low"], f["high"], f["cumulative"], f["date"]) == ("at_least", 12, None, False, "2016-09-26")
    assert f["place"]["pcode"] == "C1007-EAST"
    assert f["source"] == "Syrian Observatory for Human Rights"


def test_seed_000_three_children_are_a_subgroup_of_the_same_raids(seed_000):
    f = figure(seed_000[1], "killed", "children", 3)
    assert (f["qualifier"], f["cumulative"], f["date"]) == ("exact", False, "2016-09-26")
    assert f["source"] == "Syrian Observatory for Human Rights"


def test_seed_000_total_since_the_truce_is_cumulative_over_city_and_province(seed_000):
    f = figure(seed_000[1], "killed", "people", 248)
    assert (f["qualifier"], f["cumulative"], f["since"], f["date"]) == ("exact", True, "the truce fell apart", None)
    assert f["place"]["pcode"] == "SY02"
    assert f["source"] == "Syrian Observatory for Human Rights"


def test_seed_000_some_quarter_million_civilians_trapped_in_eastern_aleppo(seed_000):
    f = figure(seed_000[1], "trapped", "civilians", 250000)
    assert (f["qualifier"], f["cumulative"], f["source"]) == ("about", False, None)
    assert f["place"]["pcode"] == "C1007-EAST"


def test_seed_000_dozens_of_families_left_homs_on_the_monday(seed_000):
    f = figure(seed_000[1], "displaced", "people", 24)
    assert (f["qualifier"], f["unit"], f["low"], f["date"]) == ("vague", "families", 24, "2016-09-26")
    assert f["place"]["pcode"] == "C2528"


def test_seed_000_conditions_are_health_food_water_with_their_severities(seed_000):
    got = {c["sector"]: c["severity"] for c in seed_000[1]["conditions"]}
    assert got == {"health": 3, "food": 4, "water": 4}


def test_seed_000_every_quote_is_the_text_at_its_offsets(seed_000):
    text, result = seed_000
    for item in result["figures"] + result["conditions"]:
        assert text[item["start"]:item["end"]] == item["quote"]


# --- seed 003: eastern Aleppo, no dateline ---------------------------------------------------------

def test_seed_003_without_a_dateline_has_no_report_date(seed_003):
    assert seed_003[1]["report_date"] is None


def test_seed_003_has_exactly_the_three_figures_an_analyst_records(seed_003):
    assert keys(seed_003[1]) == sorted([
        ("killed", "civilians", 750), ("killed", "people", 200000), ("displaced", "people", 2000000)])


def test_seed_003_more_than_750_civilians_killed_since_mid_november_in_eastern_aleppo(seed_003):
    f = figure(seed_003[1], "killed", "civilians", 750)
    assert (f["qualifier"], f["cumulative"], f["since"]) == ("more_than", True, "mid-November")
    assert f["place"]["pcode"] == "C1007-EAST"


def test_seed_003_war_wide_totals_are_vague_cumulative_and_placed_in_syria(seed_003):
    killed = figure(seed_003[1], "killed", "people", 200000)
    displaced = figure(seed_003[1], "displaced", "people", 2000000)
    for f in (killed, displaced):
        assert (f["qualifier"], f["cumulative"]) == ("vague", True)
        assert f["place"] == {"name": "Syria", "pcode": "SY", "admin1": None}


def test_seed_003_conditions_are_the_six_sectors_with_their_severities(seed_003):
    got = {c["sector"]: c["severity"] for c in seed_003[1]["conditions"]}
    assert got == {"communications": 4, "electricity": 4, "water": 4, "health": 3, "food": 5, "access": 4}


def test_seed_003_every_quote_is_the_text_at_its_offsets(seed_003):
    text, result = seed_003
    for item in result["figures"] + result["conditions"]:
        assert text[item["start"]:item["end"]] == item["quote"]
