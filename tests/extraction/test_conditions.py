"""Conditions: sector and severity by the contract's scale, once per report, with the clause as evidence."""

import pytest

from reports.extraction import extract


def sectors(text):
    return {c["sector"]: c["severity"] for c in extract(text)["conditions"]}


@pytest.mark.parametrize("sentence, expected", [
    ("The town faces food shortages.", {"food": 3}),
    ("There is no bread in the town.", {"food": 4}),
    ("Residents are facing starvation.", {"food": 5}),
    ("Water remained cut after the pumping station was damaged.", {"water": 4}),
    ("Water shortages worsened in the camp.", {"water": 3}),
    ("The main hospital is out of service.", {"health": 4}),
    ("Two hospitals were damaged by shelling.", {"health": 3}),
    ("Doctors report a shortage of medicines.", {"health": 3}),
    ("People were left without electricity.", {"electricity": 4}),
    ("The regime cut the telephone lines.", {"communications": 4}),
    ("The district has lived under a crippling siege for months.", {"access": 4}),
    ("Many families are homeless after the raids.", {"shelter": 4}),
])
def test_sector_and_severity_by_the_contract_scale(sentence, expected):
    assert sectors(sentence) == expected


def test_worst_severity_stated_is_kept_once_per_sector():
    found = extract("The town faces food shortages. Now there is no bread at all. Food shortages continue.")
    assert [(c["sector"], c["severity"]) for c in found["conditions"]] == [("food", 4)]


def test_shortages_joined_by_and_are_each_a_sector():
    assert sectors("The city faced worsening food and medical shortages.") == {"food": 3, "health": 3}


def test_hospital_merely_struck_is_not_a_health_condition():
    assert sectors("A strike hit near a hospital in the town.") == {}


def test_besieged_describing_a_place_is_not_access():
    assert sectors("Civilians remain in the besieged district.") == {}


def test_condition_quote_is_the_text_at_its_offsets():
    text = "Shelling continued, while water remained cut after pumping stations were damaged."
    condition = extract(text)["conditions"][0]
    assert text[condition["start"]:condition["end"]] == condition["quote"]
    assert condition["quote"] == "water remained cut after pumping stations were damaged"


def test_destruction_in_residential_neighbourhoods_is_shelter_damage():
    assert sectors("Strikes caused massive destruction in the residential neighborhoods.") == {"shelter": 3}


def test_wounded_kept_from_evacuation_is_extreme_access():
    found = extract("Forces encircling the town prevented the evacuation of the wounded for treatment.")["conditions"]
    assert [(c["sector"], c["severity"]) for c in found] == [("access", 4)]


def test_said_is_not_the_word_aid():
    assert sectors("The monitor said the convoy was blocked.") == {}


def test_aid_convoys_blocked_is_still_access():
    assert sectors("Aid convoys were blocked at the checkpoint.")["access"] == 3


def test_a_hospital_hit_inflicting_heavy_damage_is_health_3():
    assert sectors("Jets struck the hospital in the town, inflicting heavy damage to its wards.") == {"health": 3}


def test_trapped_under_the_rubble_of_their_homes_is_shelter_damage():
    assert sectors("Many people are still trapped under the rubble of their homes.") == {"shelter": 3}


def test_a_siege_that_has_lasted_since_a_year_long_past_is_still_a_siege():
    # "has been under siege since 2013" is a siege the town still lives under (three blind annotations of
    # the fifth held-out set read it so); one that had ended, or was in a past year, is history.
    assert sectors("The town has been under a crushing government siege since 2013 and is shelled daily.") == {"access": 4}
    assert sectors("The town had been under siege since 2013 before the deal.") == {}
    assert sectors("The 2013 siege of the town is remembered by all.") == {}


def test_a_clinic_that_had_to_close_is_health_4():
    assert sectors("The clinic was badly hit and had to close.") == {"health": 4}


def test_dying_of_malnutrition_is_food_5():
    assert sectors("Children are dying of malnutrition in the besieged town.") == {"food": 5}


@pytest.mark.parametrize("sentence, expected", [
    ("Medical supplies are running low in the encircled area.", {"health": 3}),
    ("Flour was running out in the town.", {"food": 3}),
    ("The last clinic in the district was knocked out by airstrikes.", {"health": 4}),
    ("The strike left the hospital unable to function.", {"health": 4}),
    ("The water network was heavily damaged.", {"water": 3}),
    ("Thousands of homes have been reduced to rubble.", {"shelter": 3}),
])
def test_disruption_said_in_other_words(sentence, expected):
    assert sectors(sentence) == expected


def test_a_hospital_struck_that_still_operates_is_no_condition():
    assert sectors("The hospital was struck, but it continues to operate.") == {}


def test_shortage_said_of_the_people_who_lack_food_and_medicine():
    assert sectors("Troops encircle some 8,000 residents lacking bread and medicines.") == {"food": 3, "health": 3,
                                                                                             "access": 4}


# 0.10.0: damage said in other words (kinds missed on the third held-out set, HOLDOUT.md).
@pytest.mark.parametrize("sentence, expected", [
    ("The plane crashed in the market, destroying several homes.", {"shelter": 3}),
    ("The blast destroyed dozens of shops and homes.", {"shelter": 3}),
    ("The field hospital was completely ruined by the raid.", {"health": 4}),
    ("The raid destroyed part of the hospital building.", {"health": 3}),
    ("The strike damaged the water station that supplies the town.", {"water": 3}),
    ("The army prevented the entry of any materials into the city for two years.", {"access": 4}),
])
def test_damage_and_blocked_supplies_said_in_other_words(sentence, expected):
    assert sectors(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Those shells can destroy a house.",
    "The attack damaged the Opera House.",
    "The regime resorts to media blackouts to hide its losses.",
])
def test_no_condition_from_hypothetical_damage_a_named_building_or_a_media_blackout(sentence):
    assert sectors(sentence) == {}


def test_a_fear_of_starvation_is_no_famine_but_a_stated_shortage_counts():
    assert sectors("The siege raised fears of starvation among residents.") == {}
    assert sectors("The siege raised fears of starvation for residents who reported food shortages.") == {"food": 3}


def test_a_hospital_hit_destroying_part_of_the_building_is_damaged():
    assert sectors("A rocket slammed into a hospital as doctors worked, destroying part of the building.") == {"health": 3}
    assert sectors("A rocket slammed into a hospital as doctors worked.") == {}


@pytest.mark.parametrize("sentence, expected", [
    ("The main water pumping station was destroyed.", {"water": 3}),
    ("Humanitarian agencies have been denied access to the area.", {"access": 3}),
    ("The UN said it could not deliver aid to the town.", {"access": 3}),
    ("The only functioning hospital was hit, damaging its emergency room.", {"health": 3}),
])
def test_more_wordings_of_damage_and_hindered_aid(sentence, expected):
    assert sectors(sentence) == expected


# Access, by the contract: a population under siege or cut off is 4, access restricted 3.
@pytest.mark.parametrize("sentence, expected", [
    ("Government forces have besieged the town since July.", {"access": 4}),
    ("The town has been besieged by government forces for a year.", {"access": 4}),
    ("The siege of the eastern districts entered its third month.", {"access": 4}),
    ("Troops encircled the town on Monday.", {"access": 4}),
    ("The only road into the town was cut on Thursday.", {"access": 4}),
    ("Regime forces cut the last supply route into the eastern districts.", {"access": 4}),
    ("The evacuation of the two villages was suspended.", {"access": 4}),
    ("An aid convoy was attacked near the town.", {"access": 3}),
    ("The border crossing was closed to trucks.", {"access": 3}),
    ("The main supply road to the city was cut by clashes.", {"access": 3}),
])
def test_sieges_cut_roads_blocked_convoys_and_closed_crossings_are_access(sentence, expected):
    assert sectors(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The army said it had broken the siege of the air base.",
    "Rebels broke the siege of the city on Saturday.",
    "If the hill falls, the army would succeed in laying siege to the town.",
    "Army units encircled dozens of militants near the hill.",
])
def test_a_siege_broken_threatened_or_of_fighters_is_not_access(sentence):
    assert sectors(sentence) == {}


# Shelter: homes destroyed in numbers, not damage to houses mentioned in passing.
@pytest.mark.parametrize("sentence, expected", [
    ("The strike caused material damage to houses and properties.", {}),
    ("A shell damaged a house in the village.", {}),
    ("Dozens of houses were destroyed in the raids.", {"shelter": 3}),
    ("The bombing destroyed 15 homes in the village.", {"shelter": 3}),
    ("The neighbourhood was flattened by air strikes.", {"shelter": 3}),
    ("The raids destroyed 15 homes, leaving families without shelter.", {"shelter": 4}),
    ("Hundreds of families lost their homes in the shelling.", {"shelter": 4}),
])
def test_shelter_is_homes_destroyed_in_numbers_not_damage_in_passing(sentence, expected):
    assert sectors(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The hospital was hit by two missiles.", {}),
    ("The hospital was hit and put out of service.", {"health": 4}),
])
def test_a_hospital_struck_is_health_only_when_damaged_or_closed(sentence, expected):
    assert sectors(sentence) == expected


def test_cue_words_are_found_in_one_pass_over_the_report():
    from reports.extraction.conditions import sectors_by_sentence
    text = "Water was cut. The monitor said so. Aid convoys were blocked."
    spans = [(0, 14), (15, 35), (36, len(text))]
    assert sectors_by_sentence(text.lower(), spans) == [{"water"}, set(), {"access"}]
