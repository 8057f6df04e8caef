"""Places: names, spellings and named areas resolve to P-codes; figures take the most specific place."""

import pytest

from reports.extraction import Gazetteer, extract


def place_of(text):
    return (extract(text)["place"] or {}).get("pcode")


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zour"])
def test_spellings_of_deir_ez_zor_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "C5086"


@pytest.mark.parametrize("spelling", ["Idlib", "Idleb"])
def test_spellings_of_idlib_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "C3871"


@pytest.mark.parametrize("spelling, admin1", [("Raqqa", "SY11"), ("Ar-Raqqa", "SY11"), ("Hasakeh", "SY08"),
                                              ("Hasaka", "SY08"), ("Daraa", "SY12"), ("Deraa", "SY12")])
def test_common_english_spellings_reach_their_governorate(spelling, admin1):
    assert extract(f"Shelling hit {spelling} on Monday.")["place"]["admin1"] == admin1


def test_city_name_alone_means_the_city_not_the_governorate():
    assert place_of("Shelling hit Homs on Monday.") == "C2528"


def test_name_with_province_means_the_governorate():
    assert place_of("Shelling hit Homs province on Monday.") == "SY04"


def test_arabic_article_is_optional():
    assert place_of("Fighting reached al-Sakhour on Monday.") == "N0139"


def test_named_area_eastern_aleppo_has_its_own_pcode():
    place = extract("Strikes hit eastern Aleppo again.")["place"]
    assert place == {"name": "eastern Aleppo", "pcode": "C1007-EAST", "admin1": "SY02"}


def test_neighbourhood_of_eastern_aleppo_lies_inside_it():
    index = Gazetteer.from_data_dir().index
    assert index.contains("C1007-EAST", "N0139")
    assert index.contains("C1007", "C1007-EAST")


def test_figure_takes_the_most_specific_place_of_its_sentence():
    result = extract("Strikes hit Aleppo. In Aleppo's al-Sakhour district, 5 people were killed.")
    assert result["figures"][0]["place"]["pcode"] == "N0139"


def test_figure_without_a_place_in_its_sentence_takes_the_reports():
    result = extract("Strikes hit Idlib city on Monday. Five people were killed.")
    assert result["figures"][0]["place"]["pcode"] == "C3871"


def test_the_province_resolves_to_the_reports_governorate():
    result = extract("Strikes hit Idlib city. Across the province, 40 people were killed.")
    assert result["figures"][0]["place"]["pcode"] == "SY07"


def test_report_with_no_place_has_none():
    assert extract("Five people were killed.")["place"] is None


def test_gazetteer_from_place_rows_works_like_the_shipped_one():
    rows = [
        {"pcode": "SY", "level": "country", "parent": "", "name_en": "Syria", "name_ar": "", "aliases": []},
        {"pcode": "SY07", "level": "admin1", "parent": "SY", "name_en": "Idleb", "name_ar": "", "aliases": ["Idlib"]},
    ]
    result = extract("Shelling hit Idlib.", gazetteer=Gazetteer(rows))
    assert result["place"] == {"name": "Idleb", "pcode": "SY07", "admin1": "SY07"}


def test_alias_added_to_a_place_row_is_used():
    rows = [{"pcode": "SY07", "level": "admin1", "parent": "", "name_en": "Idleb", "name_ar": "",
             "aliases": ["Green Province"]}]
    assert extract("Shelling hit the Green Province.", gazetteer=Gazetteer(rows))["place"]["pcode"] == "SY07"


def test_aliases_given_one_a_line_are_read_as_names():
    rows = [{"pcode": "SY07", "level": "admin1", "parent": None, "name_en": "Idleb", "name_ar": "",
             "aliases": "Green Province\nIdlib"}]
    assert extract("Shelling hit Idlib.", gazetteer=Gazetteer(rows))["place"]["pcode"] == "SY07"


def test_arabic_place_names_resolve():
    assert place_of("\u0642\u0635\u0641 \u0639\u0644\u0649 \u062d\u0644\u0628") == "C1007"


def test_a_town_that_names_its_sub_district_beats_a_village_of_the_same_name():
    # Madaya (Rural Damascus, a sub-district's seat) against the village Madaya in Idlib, in a report
    # that names both governorates.
    text = "Buses left Kafraya in Idlib. Others left Zabadani. Residents of Madaya waited."
    pcodes = {m["pcode"] for m in [extract(text)["place"]]} | {
        f["place"]["pcode"] for f in extract(text + " 30 people fled Madaya.")["figures"]}
    assert "C2450" in pcodes and "C6593" not in pcodes


def test_a_name_before_mosque_or_hospital_is_the_building_not_a_place():
    assert place_of("A bomb went off near the al-Rashideen Mosque in Latakia city.") == "C3480"
    assert place_of("The al-Quds Hospital in Aleppo was hit.") == "C1007"


def test_a_person_named_like_a_village_is_not_a_place():
    assert place_of("Spokesman Mustafa Bali said the strike hit Raqqa.") == "C5710"


@pytest.mark.parametrize("spelling", ["Rashidin", "al-Rashideen"])
def test_the_rashidin_district_is_in_aleppo_city(spelling):
    assert place_of(f"The blast hit the {spelling} area on Monday.") == "C1007"


@pytest.mark.parametrize("spelling", ["Kafr Zeita", "Kfar Zeita", "Kafar Zeita"])
def test_transliterations_of_kafr_meet(spelling):
    assert place_of(f"An air raid hit {spelling} on Monday.") == "C3463"


def test_a_place_named_as_a_tv_channel_weighs_little():
    text = ("A double bomb attack in the city of Homs has claimed the lives of 12 civilians, "
            "Al-Mayadin TV reported. Al-Mayadin reported that rescuers were at work.")
    assert extract(text)["place"]["admin1"] == "SY04"


# Spellings generated from the gazetteer's own names (articles, long vowels, endings, doubled letters,
# apostrophes): none of these is listed in aliases.csv.
@pytest.mark.parametrize("spelling", ["Salah Ad-Deen", "Salah al-Din", "Salah el-Din", "Salaheddine", "Salah Eddine"])
def test_spellings_of_salah_ad_deen_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "N0214"


@pytest.mark.parametrize("spelling", ["Maarat al-Numan", "Maarat an-Numan", "Maaret al-Nouman", "Ma'arrat al-Nu'man"])
def test_spellings_of_maarat_al_numan_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "C3985"


@pytest.mark.parametrize("spelling", ["Jisr al-Shughour", "Jisr ash-Shughur", "Jisr Ash-Shugur"])
def test_spellings_of_jisr_al_shughur_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "C4199"


@pytest.mark.parametrize("spelling", ["Hasakah", "Al Hasakeh", "Hassakeh"])
def test_endings_and_doubled_letters_of_hasakeh_meet(spelling):
    assert place_of(f"Shelling hit {spelling} on Monday.") == "C4360"


def test_spellings_are_generated_for_a_gazetteer_built_from_place_rows():
    rows = [{"pcode": "N0214", "level": "neighbourhood", "parent": "", "name_en": "Salah Ad-Deen", "name_ar": "",
             "aliases": []}]
    assert extract("Shelling hit Salaheddine.", gazetteer=Gazetteer(rows))["place"]["pcode"] == "N0214"


def test_the_text_spelling_beats_a_namesake_with_the_same_skeleton():
    # Daraa and the village Dara meet as skeletons; "Daraa" is how Dar'a is written.
    assert place_of("Shelling hit Daraa on Monday.") == "C5993"


def test_the_assad_family_is_not_the_al_asad_neighbourhood():
    assert place_of("Forces loyal to Bashar al-Assad shelled the town of Saraqeb.") == "C3916"


def figure_place(text):
    return extract(text)["figures"][0]["place"]


# A name shared by several places (Midan: a neighbourhood of Aleppo; Damascus's is Midan Wastani in the
# gazetteer) takes the one inside the place the text ties it to, else that larger place.
@pytest.mark.parametrize("sentence", [
    "A car bomb killed four people in the Midan neighbourhood of Damascus.",
    "A car bomb killed four people in Midan in Damascus.",
    "A car bomb killed four people in Damascus's Midan district.",
])
def test_a_name_tied_to_a_city_none_of_its_namesakes_lies_in_gives_that_city(sentence):
    assert figure_place(sentence)["pcode"] == "C1001"


def test_a_name_tied_to_the_city_it_lies_in_keeps_the_neighbourhood():
    assert figure_place("A car bomb killed four people in the Midan neighbourhood of Aleppo.")["pcode"] == "N0138"


def test_a_village_tied_to_another_governorate_gives_that_governorate_not_the_village():
    assert figure_place("Air strikes killed six people in Kafr Zeita in Idlib province.")["admin1"] == "SY07"


def test_a_village_tied_to_its_own_countryside_stays_the_village():
    assert figure_place("Air strikes killed six people in Kafr Zeita in the Hama countryside.")["pcode"] == "C3463"


def test_places_listed_side_by_side_are_coordinates_not_ties():
    assert figure_place("Shells killed two people in Aleppo, Hama and Homs.")["pcode"] == "SY"


@pytest.mark.parametrize("sentence", [
    "Five people were killed in Aleppo, Hama and Damascus on Monday.",
    "Shelling killed four people in Idlib and Aleppo provinces.",
])
def test_several_governorates_in_one_sentence_give_the_country_not_the_first(sentence):
    assert figure_place(sentence)["pcode"] == "SY"


def test_each_place_with_its_own_count_keeps_it():
    figures = extract("Two people were killed in Aleppo and three in Hama.")["figures"]
    assert [(f["value"], f["place"]["pcode"]) for f in figures] == [(2, "C1007"), (3, "C2987")]


@pytest.mark.parametrize("sentence", [
    "More than 400,000 people have been killed across Syria since 2011.",
    "Some 600,000 people live under siege in Syria, the UN said.",
    "The war has killed 470,000 people.",
])
def test_a_country_wide_figure_in_a_city_report_is_placed_in_syria(sentence):
    result = extract(f"Air strikes pound Aleppo city. {sentence}")
    assert result["place"]["pcode"] == "C1007"
    assert result["figures"][0]["place"]["pcode"] == "SY"


def test_a_city_toll_beside_the_countrys_keeps_the_city():
    figures = extract("Of the 400,000 people killed across Syria, 31,000 were killed in Aleppo city.")["figures"]
    assert {f["value"]: f["place"]["pcode"] for f in figures} == {400000: "SY", 31000: "C1007"}


def test_a_gazetteer_builds_its_automaton_once():
    gazetteer = Gazetteer.from_data_dir()
    assert gazetteer.index is gazetteer.index
    assert gazetteer.index.automaton is gazetteer.index.automaton


def test_a_shared_name_near_damascus_takes_the_namesake_in_rural_damascus():
    # Madaya is a town of Rural Damascus and a village of Idlib; Damascus city lies inside Rural Damascus.
    assert figure_place("Hunger killed five people in Madaya, near Damascus.")["pcode"] == "C2450"


def test_a_shared_name_in_none_of_the_reports_governorates_is_left_out():
    # Madaya (Rural Damascus, Idlib) in a report about Homs: no namesake elsewhere, the report's place instead.
    result = extract("Shelling hit Homs city. Five people from Madaya were killed there.")
    assert result["figures"][0]["place"]["admin1"] == "SY04"


def test_a_large_displacement_without_a_place_stays_in_the_reports_place():
    result = extract("Government forces pressed on in the Idlib countryside. More than 150,000 people have fled.")
    assert result["figures"][0]["place"]["admin1"] == "SY07"


# Damascus's surroundings and countryside are Rural Damascus, the governorate around the city's.
@pytest.mark.parametrize("sentence", [
    "At least 12 civilians were killed in air strikes on the outskirts of Damascus on Monday.",
    "A push on the last rebel enclave near the capital Damascus killed at least 23 people.",
    "Shelling killed seven children in a rebel-held town outside Damascus.",
    "Air strikes killed ten people in rebel areas east of Damascus on Saturday.",
    "Shelling killed five people in the Damascus countryside.",
    "Shelling killed five people in the suburbs of Damascus.",
])
def test_a_count_around_damascus_is_in_rural_damascus(sentence):
    assert figure_place(sentence)["pcode"] == "SY03"


def test_a_count_in_damascus_stays_in_the_city():
    assert figure_place("A car bomb killed five people in central Damascus on Monday.")["pcode"] == "C1001"


def test_a_town_near_damascus_keeps_the_town():
    assert figure_place("Shelling killed 43 people in the town of Jayrud near Damascus.")["pcode"] == "C2387"


def test_a_name_followed_by_neighbourhood_means_the_neighbourhood_not_a_village_spelt_alike():
    # "Al-Midan" is also a village of Lattakia spelt with its article; a neighbourhood is a city's.
    result = extract("Shelling hit Aleppo city. Rockets on al-Midan neighbourhood killed four civilians.")
    assert result["figures"][0]["place"]["pcode"] == "N0138"


def test_a_neighbourhood_of_a_city_the_report_never_names_is_a_namesake_left_out():
    # Deir ez-Zor has its own al-Qusour and al-Joura; the gazetteer's are Damascus's.
    result = extract("Rockets hit Deir Ezzor city. Shells on al-Qusour and al-Joura neighbourhoods in the city "
                     "killed two people.")
    assert result["figures"][0]["place"]["admin1"] == "SY09"


def test_a_village_alone_in_a_governorate_the_report_never_names_is_left_out():
    # a wedding hall called Sanabel, on the road between two towns of Hasakeh
    result = extract("A suicide bomber killed 30 people at the Sanabel wedding hall, on the road between "
                     "Hasakeh and Qamishli.")
    assert result["figures"][0]["place"]["admin1"] == "SY08"


def test_a_village_the_report_names_twice_stays():
    result = extract("Evacuees from Kefraya waited in Aleppo. Shelling on Kefraya killed 12 people on Monday.")
    assert result["figures"][0]["place"]["pcode"] == "C3952"


def test_a_village_named_with_another_place_of_its_governorate_stays():
    result = extract("Rebels pushed into Aleppo. Shelling on Kafr Zeita and Latamneh killed 12 people.")
    assert result["figures"][0]["place"]["admin1"] == "SY05"


# "The capital" said without its name is Damascus; around it, Rural Damascus.
def test_the_capital_without_its_name_is_damascus():
    assert figure_place("Rebels fired rockets at the capital, killing seven people.")["pcode"] == "C1001"


def test_a_town_near_the_syrian_capital_is_in_rural_damascus():
    assert figure_place("At least 19 people were killed near the Syrian capital on Tuesday.")["pcode"] == "SY03"


def test_the_capital_of_a_province_is_not_damascus():
    result = extract("Raqqa, the capital of the caliphate, was hit on Monday. Strikes killed five people.")
    assert result["figures"][0]["place"]["admin1"] == "SY11"


def test_a_place_after_since_is_an_earlier_event_not_the_reports_subject():
    text = ("Syria fighting is the worst since the Aleppo air strikes, agencies said. Strikes killed 20 people in "
            "Damascus, a dozen in Idlib province, 15 in Hama, eight in Raqqa and five in Deir ez-Zor.")
    assert extract(text)["place"]["pcode"] == "SY"


def test_a_report_about_one_governorate_keeps_it_though_its_headline_names_only_syria():
    text = ("Air raids kill 29 civilians in north Syria. Strikes on Atareb in the Aleppo countryside killed 29 "
            "civilians, and 12 more died in Aleppo city, the Observatory said.")
    assert extract(text)["place"]["admin1"] == "SY02"


def test_a_toll_no_governorate_holds_is_the_countrys_whatever_place_its_sentence_names():
    text = ("Rebels shelled Aleppo city. Aleppo has been devastated by some of the heaviest fighting of the "
            "country's five-year civil war, which has killed more than 300,000 people.")
    assert extract(text)["figures"][0]["place"]["pcode"] == "SY"


def test_governorates_side_by_side_in_a_headline_without_commas_give_the_country():
    result = extract("3 Civilians Killed 38 Injured in Terrorist Rocket Attacks in Deir Ezzor Aleppo.\n"
                     "Rockets hit Aleppo city and Deir Ezzor city on Wednesday.")
    assert {f["value"]: f["place"]["pcode"] for f in result["figures"]} == {3: "SY", 38: "SY"}


def test_a_place_and_its_neighbourhood_side_by_side_are_one_place_not_a_list():
    assert figure_place("Shells fell on Aleppo al-Sakhour killing two people.")["admin1"] == "SY02"


def test_a_web_pages_tag_list_is_no_place_of_the_report():
    text = ("Tags Syria Raqqa Aleppo Russia human rights At least 30 people including 24 civilians were killed by "
            "Russian airstrikes on Raqqa in northern Syria on Monday.")
    assert {f["place"]["pcode"] for f in extract(text)["figures"]} == {"C5710"}


@pytest.mark.parametrize("sentence, value, pcode", [
    ("Rebels hit a school in west Aleppo a day after dozens of children were killed in air strikes on a school in "
     "Idlib.", 24, "C3871"),
    ("Two women were executed in Raqqa city while three men were also executed in Mayadeen city.", 3, "C5192"),
    ("Rockets fell on Hama, while three people were killed by shells fired at a school in the centre of Homs.", 3,
     "C2528"),
])
def test_a_count_takes_the_place_of_its_own_clause_not_a_nearer_one_across_a_break(sentence, value, pcode):
    figures = extract(sentence)["figures"]
    assert [f["place"]["pcode"] for f in figures if f["value"] == value] == [pcode]
