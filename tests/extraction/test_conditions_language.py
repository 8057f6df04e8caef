"""Conditions by the contract's sector list, sector by sector: our own sentences for each kind of language
that states a sector's condition, and for language that names the same words without stating one (a
hospital as a place, aid pledged, a doctor quoted, "food" in an unrelated phrase, negations, futures and
conditionals, a siege broken)."""

import datetime

import pytest

from reports.extraction import extract


def sectors(text):
    return {c["sector"]: c["severity"] for c in extract(text)["conditions"]}


STATED = [
    # water: drinking water, pumping stations, networks
    ("The water supply to the city was cut off after the pumping station was hit.", {"water": 4}),
    ("Residents have had no running water for three weeks.", {"water": 4}),
    ("Two million people have been left without drinking water.", {"water": 4}),
    ("The strikes damaged the main water network in the district.", {"water": 3}),
    ("Families drink contaminated water from shallow wells.", {"water": 3}),
    ("Water is often dirty and a vector for disease.", {"water": 3}),
    ("Two children died of dehydration in the camp.", {"water": 5}),
    # food: supply, bread, bakeries, markets, hunger
    ("Bread has run out in the town.", {"food": 4}),
    ("The bakeries closed for lack of flour.", {"food": 3}),
    ("Market shelves are empty and food prices have soared.", {"food": 3}),
    ("Bread prices have tripled since the road was closed.", {"food": 3, "access": 3}),
    ("Residents are surviving on one meal a day.", {"food": 3}),
    ("Twelve people have died of hunger in the enclave.", {"food": 5}),
    ("The town is gripped by famine.", {"food": 5}),
    ("The siege is starving the civilian population.", {"access": 4, "food": 5}),
    # health: hospitals, clinics, medicines, blood, doctors and ambulances out of action
    ("The hospital was put out of service by the strikes.", {"health": 4}),
    ("The only hospital in the town is no longer functioning.", {"health": 4}),
    ("All three public hospitals in the area are nonfunctioning.", {"health": 4}),
    ("There are no medicines left in the pharmacies.", {"health": 4}),
    ("Shelling damaged the maternity hospital.", {"health": 3}),
    ("The strike knocked out the town's last clinic.", {"health": 4}),
    ("Two ambulances were destroyed in the double-tap strike.", {"health": 3}),
    ("Doctors say they have run out of anaesthetics and blood.", {"health": 4}),
    ("Patients died for lack of medical care.", {"health": 5}),
    # electricity
    ("The city has been without electricity for a week.", {"electricity": 4}),
    ("Power cuts last up to 20 hours a day.", {"electricity": 3}),
    ("The air strike knocked out the power station.", {"electricity": 4}),
    ("Electricity is produced only by generators.", {"electricity": 4}),
    ("Residents rely on private generators for power.", {"electricity": 4}),
    # communications
    ("Internet and phone lines were cut across the province.", {"communications": 4}),
    ("The mobile network has been down since the strikes.", {"communications": 4}),
    ("Communications with the town were cut on Tuesday.", {"communications": 4}),
    ("Activists reached the city only through spotty satellite internet.", {"communications": 3}),
    # shelter: homes destroyed in numbers, people without shelter, camps overwhelmed
    ("Dozens of houses were destroyed in the raids.", {"shelter": 3}),
    ("The neighbourhood was flattened.", {"shelter": 3}),
    ("Much of the old city has been reduced to rubble.", {"shelter": 3}),
    ("Large parts of the town lie in ruins.", {"shelter": 3}),
    ("Thousands of people were left homeless.", {"shelter": 4}),
    ("The camps are overwhelmed by the new arrivals.", {"shelter": 3}),
    ("Barrel bombs caused huge damage to one rebel-held district.", {"shelter": 3}),
    ("Most deaths came from the destruction of houses in those areas.", {"shelter": 3}),
    # access: sieges, encirclement, the way in cut, convoys, crossings, evacuations
    ("The town has been under siege since 2013.", {"access": 4}),
    ("Eastern Ghouta has been under a suffocating government siege since 2012.", {"access": 4}),
    ("Part of the Old City has been subjected to a tight government siege.", {"access": 4}),
    ("The siege has left 40,000 people trapped in the town.", {"access": 4}),
    ("Government forces have encircled the town.", {"access": 4}),
    ("Douma has also been under siege since 2013.", {"access": 4}),
    ("Government forces sought to tighten their siege of the rebel-held districts.", {"access": 4}),
    ("The only road into the town was cut.", {"access": 4}),
    ("Rebels launched an offensive to break the government siege of eastern Aleppo.", {"access": 4}),
    ("Dozens were killed in a two-day offensive to break the government siege.", {"access": 4}),
    ("The UN called again on all sides to lift the siege.", {"access": 4}),
    ("A UN aid convoy was blocked at a checkpoint.", {"access": 3}),
    ("Warplanes targeted a UN-Red Crescent [SARC] convoy on Monday night.", {"access": 3}),
    ("Jets bombed an aid convoy and a warehouse near the city.", {"access": 3}),
    ("The UN suspended all aid convoys in the country.", {"access": 3}),
    ("The border crossing has been closed since Monday.", {"access": 3}),
    ("The evacuation of the wounded was halted.", {"access": 4}),
    ("The regime's blockade of the roads leading to the area continues.", {"access": 3}),
    # more ways of saying the same
    ("Water pumping to the eastern districts stopped after the strike.", {"water": 4}),
    ("The water station that supplies the city was put out of service.", {"water": 4}),
    ("The price of a kilo of rice has risen tenfold.", {"food": 3}),
    ("The bakeries have stopped working for lack of flour.", {"food": 3}),
    ("The town has been left without any functioning hospital.", {"health": 4}),
    ("The electricity supply to the whole city was cut.", {"electricity": 4}),
    ("The city has been plunged into darkness.", {"electricity": 4}),
    ("Telecommunications were cut off in the province.", {"communications": 4}),
    ("Internet access has been down for days.", {"communications": 4}),
    ("Many families were forced to sleep in the open.", {"shelter": 4}),
    ("Aid has not reached the town since April.", {"access": 4}),
    ("Checkpoints prevent civilians from leaving the district.", {"access": 4}),
    ("Turkey has closed its border to those fleeing.", {"access": 3}),
    ("Aid trucks entered Madaya for the first time since October.", {"access": 3}),
    ("Residents are so short of food that they are eating trash and fainting from hunger.", {"food": 4}),
    ("Families eat on alternate days.", {"food": 4}),
    ("Damage to the hospital alone cut off half a million people from access to health care.", {"health": 4}),
]


@pytest.mark.parametrize("sentence, expected", STATED)
def test_a_stated_condition_is_read_with_its_severity(sentence, expected):
    assert sectors(sentence) == expected


NOT_STATED = [
    # the sector's words without a disruption of it
    "The boat sank in the water off the coast.",
    "The World Food Programme's director attended the meeting.",
    "Donors pledged $2 billion in food aid at the conference in London.",
    "Aid agencies delivered food and medicine to the town on Sunday.",
    "The wounded were taken to a hospital in Idlib.",
    "A doctor at the hospital said 12 people had died.",
    "The strike hit near the Al-Quds hospital.",
    "Doctors Without Borders said the clinic treated 40 wounded.",
    "World powers met in Geneva to discuss the war.",
    "He told AFP by phone from the town.",
    "Internet activists posted videos of the strike.",
    "The strike caused damage to houses and properties.",
    "The shells fell near homes in the area.",
    "A rocket hit a house, killing three children.",
    "He returned to his home in Aleppo last year.",
    "Rescuers pulled 10 people alive from the rubble of a building.",
    "A military convoy was hit by a roadside bomb.",
    "The army said the road to the airport was secure.",
    "Assad said Russia was not behind the attack on the convoy.",
    "Turkey opened its border to the wounded.",
    "The road was reopened on Monday.",
    "Power was restored to most districts.",
    "The electricity minister visited the power station.",
    "The siege ended in May 2016.",
    "Residents who survived the siege of Homs returned to their homes.",
    "After the siege of the Old City, the army held the district.",
    "The children were eating breakfast when the shell hit.",
    "Washington decried the regime's surrender-or-starve tactic.",
    "The regime is accused of using starvation as a weapon of war.",
    "They aim to win by starving the population out.",
    "The aim of the operation was to cut rebel supply lines from the border.",
    "Special forces joined the operation to prevent the militants from fleeing the city.",
    # negations
    "The water station was not damaged.",
    "There were no shortages of food, the governor said.",
    "The hospital was not closed despite the shelling.",
    # restored, futures, conditionals, fears
    "Water was restored to the neighbourhood on Monday.",
    "Aid agencies plan to repair the water network next month.",
    "Officials warned that water could be cut if the fighting continues.",
    "The UN warned that the town risked famine.",
    "The hospital will be closed next week for renovation.",
    # sieges broken, lifted, threatened, not yet complete, of a military base
    "The army broke the siege of the town on Friday.",
    "The siege was lifted in May.",
    "Forces threatened to besiege the town.",
    "The offensive aims to complete the encirclement of the city.",
    "A campaign to complete the encirclement of the rebel-held districts began.",
    "IS has besieged the military airport for more than a year.",
    "Rebels managed to break the siege on the city last month.",
    "Troops tried to advance on the town and complete the encirclement of the valley.",
    "For almost two years fighters and residents were trapped in a siege of the Old City.",
    "The blasts caused massive damage in the area.",
]


@pytest.mark.parametrize("sentence", NOT_STATED)
def test_words_without_a_stated_disruption_are_no_condition(sentence):
    assert sectors(sentence) == {}


def test_a_population_besieged_near_a_military_base_is_access():
    assert sectors("The army holds a nearby air base, where IS has besieged about 200000 people for two years.") == {
        "access": 4}
def test_a_condition_takes_the_place_of_its_own_clause():
    found = extract("Shelling killed two people in Idlib, while in Douma the water supply was cut off.",
                    report_date=datetime.date(2017, 4, 3))["conditions"]
    assert [(c["sector"], c["place"]["name"]) for c in found] == [("water", "Duma")]  # the gazetteer's spelling


def test_a_condition_takes_the_day_its_sentence_tells():
    found = extract("On Monday the only hospital in the town was put out of service.",
                    report_date=datetime.date(2017, 4, 5))["conditions"]
    assert [(c["sector"], c["date"]) for c in found] == [("health", "2017-04-03")]


def test_a_condition_placed_in_its_clause_when_the_place_follows_the_words():
    found = extract("Idlib was shelled again, and the water supply was cut off in Douma.")["conditions"]
    assert [(c["sector"], c["place"]["name"]) for c in found] == [("water", "Duma")]


def test_a_condition_without_a_day_of_its_own_has_no_date():
    found = extract("The town has been under siege since 2013.",
                    report_date=datetime.date(2017, 4, 5))["conditions"]
    assert [(c["sector"], c["date"]) for c in found] == [("access", None)]




def test_a_condition_running_since_a_day_is_not_dated_to_that_day():
    found = extract("The siege, in place since July 17, has left 250000 people trapped.",
                    report_date=datetime.date(2016, 8, 5))["conditions"]
    assert [(c["sector"], c["date"]) for c in found] == [("access", None)]


def test_a_condition_whose_start_is_dated_is_not_dated_to_its_start():
    found = extract("Rebels pressed an assault to break a siege of the city that began on July 17.",
                    report_date=datetime.date(2016, 8, 5))["conditions"]
    assert [(c["sector"], c["date"]) for c in found] == [("access", None)]
