"""The place filter takes a name (English, Arabic, alias, spelling variant) as well as a P-code, on the
whole OCHA gazetteer: through the pages (which redirect a name to its P-code), the CSV downloads and the
autocomplete's JSON endpoint."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from reports.places import load_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(db):
    load_places()


def place_after_redirect(client, name, typed):
    response = client.get(reverse(f"dashboard:{name}"), {"place": typed, "date_after": "2016-07-01"})
    assert response.status_code == 302, response.content.decode()[:300]
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["date_after"] == ["2016-07-01"]  # the rest of the filter is kept
    return query["place"]


def test_english_name_gives_the_largest_place_of_that_name(client, gazetteer):
    assert place_after_redirect(client, "overview", "Aleppo") == ["SY02"]


def test_name_is_case_insensitive(client, gazetteer):
    assert place_after_redirect(client, "overview", "  aLePPo ") == ["SY02"]


def test_arabic_name_gives_the_place(client, gazetteer):
    assert place_after_redirect(client, "report_list", "حلب") == ["SY02"]


def test_arabic_name_ignores_hamza_and_diacritics(client, gazetteer):
    assert place_after_redirect(client, "report_list", "إدلب") == place_after_redirect(client, "report_list", "ادلب")


def test_alias_gives_the_place(client, gazetteer):
    assert place_after_redirect(client, "overview", "Aleppo city") == ["C1007"]


def test_spelling_variant_of_the_gazetteer_gives_the_place(client, gazetteer):
    assert place_after_redirect(client, "overview", "deir ezzor") == ["SY09"]


def test_hyphens_and_articles_do_not_count(client, gazetteer):
    assert place_after_redirect(client, "overview", "Deir-ez-Zor") == ["SY09"]


def test_accents_do_not_count(client, gazetteer):
    assert place_after_redirect(client, "overview", "Ḥalab") == ["SY02"]


def test_level_word_picks_the_level(client, gazetteer):
    assert place_after_redirect(client, "overview", "Idleb district") == ["SY0700"]


def test_the_autocomplete_value_with_its_pcode_gives_that_place(client, gazetteer):
    assert place_after_redirect(client, "overview", "Aleppo (C1007, town or city in Aleppo governorate)") == ["C1007"]


def test_the_page_after_a_name_lists_the_other_places_of_that_name(client, gazetteer):
    response = client.get(reverse("dashboard:overview"), {"place": "Aleppo"}, follow=True)
    html = response.content.decode()
    assert "is taken as Aleppo (SY02, governorate)" in html
    assert "Aleppo (C1007, town or city in Aleppo governorate)" in html


def test_chip_shows_the_governorate_beside_the_name(client, gazetteer):
    html = client.get(reverse("dashboard:overview"), {"place": "C1007"}).content.decode()
    assert "Place: Aleppo (C1007, town or city in Aleppo governorate)" in html


def test_unknown_name_is_a_clear_error_naming_close_names(client, gazetteer):
    response = client.get(reverse("dashboard:overview"), {"place": "Alepo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No place called “Alepo”" in html
    assert "Aleppo (SY02, governorate)" in html
    assert "Unknown P-code" not in html


def test_ambiguous_name_lists_every_candidate_with_its_governorate(client, gazetteer):
    html = client.get(reverse("dashboard:report_list"), {"place": "Suran"}).content.decode()
    assert "“Suran” is the name of 5 places" in html
    assert "Suran (SY020405, sub-district in Aleppo governorate)" in html
    assert "Suran (SY050101, sub-district in Hama governorate)" in html


def test_unknown_pcode_keeps_its_message(client, gazetteer):
    html = client.get(reverse("dashboard:overview"), {"place": "SY9999"}).content.decode()
    assert "Unknown P-code: SY9999." in html


def figures_csv(client, **query):
    response = client.get(reverse("dashboard:export_figures"), query)
    return response, list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def figures(gazetteer, scenario):
    return scenario("""
        report | published  | kind   | value | place  | date
        a      | 2016-10-05 | killed | 15    | C1007  | 2016-10-05
        b      | 2016-10-05 | killed | 19    | SY07   | 2016-10-05
    """)


def test_csv_takes_an_english_name(client, figures):
    response, rows = figures_csv(client, place="Aleppo")
    assert [row["place_pcode"] for row in rows] == ["C1007"]
    assert "sitrep-figures-SY02" in response["Content-Disposition"]


def test_csv_takes_an_arabic_name(client, figures):
    _, rows = figures_csv(client, place="إدلب")
    assert [row["place_pcode"] for row in rows] == ["SY07"]


def test_csv_with_an_ambiguous_name_is_a_400_listing_the_candidates(client, figures):
    response = client.get(reverse("dashboard:export_figures"), {"place": "Suran"})
    assert response.status_code == 400
    assert "SY050101" in response.content.decode()


def search(client, q):
    response = client.get(reverse("dashboard:place_search"), {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_search_gives_name_arabic_name_pcode_level_and_governorate(client, gazetteer):
    first = search(client, "alep")[0]
    assert {k: first[k] for k in ("pcode", "name", "name_ar", "level", "governorate")} == {
        "pcode": "SY02", "name": "Aleppo", "name_ar": "حلب", "level": "admin1", "governorate": "Aleppo"}


def test_search_lists_the_city_after_the_governorate(client, gazetteer):
    pcodes = [place["pcode"] for place in search(client, "Aleppo")]
    assert pcodes.index("SY02") < pcodes.index("C1007")


def test_search_finds_arabic_text(client, gazetteer):
    assert "SY02" in [place["pcode"] for place in search(client, "حل")]


def test_search_finds_aliases(client, gazetteer):
    assert search(client, "Deir Ezz")[0]["pcode"] == "SY09"


def test_search_without_text_gives_nothing(client, gazetteer):
    assert search(client, "  ") == []


def test_search_is_one_query_once_the_names_are_read(client, gazetteer, django_assert_num_queries):
    search(client, "Idl")
    with django_assert_num_queries(1):  # the places table's fingerprint; the names stay in memory
        search(client, "Hom")


def test_search_sees_an_alias_added_in_the_admin(client, gazetteer):
    from reports.models import Place
    search(client, "Idl")
    place = Place.objects.get(pcode="C1007")
    place.aliases += "\nGrey Citadel Town"
    place.save()
    assert search(client, "grey citadel")[0]["pcode"] == "C1007"


def test_ambiguous_name_offers_each_candidate_as_a_link_with_its_pcode(client, gazetteer):
    html = client.get(reverse("dashboard:overview"), {"place": "Suran", "date_after": "2016-07-01"}).content.decode()
    assert "Which place?" in html
    assert 'href="/?place=SY050101&amp;date_after=2016-07-01"' in html
    assert "none reported" not in html


def test_unknown_name_shows_no_empty_cards(client, gazetteer):
    html = client.get(reverse("dashboard:overview"), {"place": "Atlantis"}).content.decode()
    assert "No place called “Atlantis”" in html
    assert "none reported" not in html
