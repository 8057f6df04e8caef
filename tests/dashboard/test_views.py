"""The overview, districts, place and provenance pages: 200 with data and empty, filters narrow, fixed
query counts. Data comes from the `places` and `scenario` fixtures (tests/dashboard/conftest.py)."""

import pytest
from django.urls import reverse

from reports.models import Place

pytestmark = pytest.mark.django_db

STRIKES = """
report | published  | publisher | source | kind      | value | low | qualifier | date       | place  | quote
a      | 2016-09-27 | AFP       | SOHR   | killed    | 12    | 12  | at_least  | 2016-09-26 | C1007  | at least 12 people were killed
b      | 2016-09-27 | Reuters   | Civil  | killed    | 15    |     | exact     | 2016-09-26 | C1007  | 15 people were killed
c      | 2016-06-01 | AFP       | SOHR   | killed    | 40    |     | exact     | 2016-05-30 | SY0700 | 40 people were killed in Idleb
a      | 2016-09-27 | AFP       | SOHR   | injured   | 30    |     | exact     | 2016-09-26 | N0123  | 30 injured
"""
CONDITIONS = """
report | published  | kind  | severity | date       | place
d      | 2016-09-25 | water | 4        | 2016-09-25 | C1007
"""
TOTAL = """
report | published  | kind   | value | qualifier | cumulative | since           | place | date
e      | 2016-09-27 | killed | 248   | exact     | yes        | the truce ended | SY02  | 2016-09-27
"""
TRAPPED = """
report | published  | kind    | value  | qualifier | date       | place
f      | 2016-09-20 | trapped | 250000 | about     | 2016-09-20 | C1007
"""


@pytest.fixture
def data(places, scenario):
    for table in (STRIKES, CONDITIONS, TOTAL, TRAPPED):
        scenario(table)
    return places


def get(client, name, *args, **params):
    response = client.get(reverse(f"dashboard:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_overview_with_an_empty_database_says_how_to_load_data(client):
    assert "No figures yet. Load the demo corpus with <code>make demo</code>" in get(client, "overview")


def test_overview_defaults_to_the_90_days_ending_at_the_latest_figure(client, data):
    html = get(client, "overview")
    assert "From 2016-06-30" in html and "To 2016-09-27" in html
    assert "Idleb" not in html.split('id="reports-heading"')[0]  # the May strike is outside the default


def test_overview_default_period_counts_a_figure_dated_only_by_its_report(client, data, scenario):
    # The newest figure has no day of its own: its report's publication day is its day.
    scenario("""
report | published  | kind    | value | qualifier | place
g      | 2016-10-03 | injured | 7     | exact     | C1007
""")
    html = get(client, "overview")
    assert "From 2016-07-06" in html and "To 2016-10-03" in html


def test_overview_headline_gives_the_conservative_figure_range_and_sources(client, data):
    html = get(client, "overview")
    killed = html.split('class="card killed"')[1].split("</a>")[0]
    assert '<span class="value">12</span>' in killed
    assert "range 12–15" in killed
    assert "2 sources" in killed


def test_overview_shows_the_trapped_estimate_with_thousands_separators(client, data):
    assert "250,000" in get(client, "overview")


def test_overview_hands_the_timeline_to_the_chart_as_json(client, data):
    html = get(client, "overview")
    assert '<script id="timeline-data" type="application/json">' in html
    assert '"2016-09-26"' in html.split('id="timeline-data"')[1].split("</script>")[0]


def test_overview_strip_shows_not_reported_days_as_such(client, data):
    html = get(client, "overview")
    assert "Water, 2016-09-25: 4 extreme" in html
    assert "Water, 2016-09-24: not reported" in html
    assert "Food, 2016-09-25: not reported" in html


def test_overview_date_filter_narrows_the_headline(client, data):
    html = get(client, "overview", date_after="2016-05-01", date_before="2016-06-30")
    killed = html.split('class="card killed"')[1].split("</a>")[0]
    assert '<span class="value">40</span>' in killed


def test_overview_empty_date_means_all_dates(client, data):
    html = get(client, "overview", date_after="")
    killed = html.split('class="card killed"')[1].split("</a>")[0]
    assert '<span class="value">52</span>' in killed


def test_overview_filter_with_no_match_says_what_to_do(client, data):
    html = get(client, "overview", date_after="2020-01-01", date_before="2020-02-01")
    assert "No incidents in this period and place. Widen the dates or remove a filter" in html
    assert "Remove filter: From 2020-01-01" in html


def test_overview_runs_a_fixed_number_of_queries(client, data, scenario, django_assert_max_num_queries,
                                                 django_assert_num_queries):
    with django_assert_max_num_queries(40) as captured:
        get(client, "overview")
    baseline = len(captured)
    scenario(STRIKES.replace("a      |", "g      |").replace("b      |", "h      |").replace("c      |", "i      |"))
    with django_assert_num_queries(baseline):
        get(client, "overview")


def test_districts_with_an_empty_database_says_to_load_the_gazetteer(client):
    assert "load the gazetteer with <code>python manage.py load_places</code>" in get(client, "districts")


def test_districts_lists_every_district_under_its_governorate(client, data):
    html = get(client, "districts", date_after="")
    aleppo = html.split(">Aleppo</a></th></tr>")[1].split("</tbody>")[0]
    assert ">Jebel Saman</a>" in aleppo and ">Al Bab</a>" in aleppo
    assert ">Idleb</a>" not in aleppo


def test_districts_rows_carry_their_figures_with_provenance_links(client, data):
    html = get(client, "districts", date_after="")
    jebel_saman = html.split(">Jebel Saman</a></th>")[1].split("</tr>")[0]
    assert "12–15" in jebel_saman
    assert "of=killed&amp;cumulative=0&amp;at=SY0200" in jebel_saman


def test_districts_date_filter_narrows_the_rows(client, data):
    html = get(client, "districts", date_after="2016-09-01")
    idleb = html.split(">Idleb</a></th>")[-1].split("</tr>")[0]
    assert 'data-value="-1"' in idleb or "—" in idleb
    assert "40" not in idleb


def test_districts_hand_the_map_its_values_and_colour_choice(client, data):
    html = get(client, "districts", figure="injured", date_after="")
    payload = html.split('id="map-data" type="application/json">')[1].split("</script>")[0]
    assert '"figure": "injured"' in payload and '"SY0200"' in payload


def test_districts_runs_a_fixed_number_of_queries(client, data, scenario, django_assert_max_num_queries,
                                                  django_assert_num_queries):
    with django_assert_max_num_queries(30) as captured:
        get(client, "districts")
    scenario(STRIKES.replace("a      |", "g      |").replace("b      |", "h      |"))
    with django_assert_num_queries(len(captured)):
        get(client, "districts")


def test_district_boundaries_are_served_as_geojson(client, data):
    Place.objects.filter(pcode="SY0200").update(boundary={"type": "Polygon", "coordinates": [[[37, 36], [37.1, 36], [37, 36.1], [37, 36]]]})
    payload = client.get(reverse("dashboard:district_boundaries")).json()
    assert payload["type"] == "FeatureCollection"
    assert [f["properties"]["pcode"] for f in payload["features"]] == ["SY0200"]


def test_place_page_shows_its_sub_places(client, data):
    html = get(client, "place", "SY02", date_after="")
    assert "<h1>Aleppo" in html
    assert ">Jebel Saman</a></th>" in html and ">Al Bab</a></th>" in html


def test_place_page_at_neighbourhood_level_has_no_sub_places_but_its_figures(client, data):
    html = get(client, "place", "N0123", date_after="")
    assert "has no places inside it" in html
    assert '<span class="value">30</span>' in html.split('class="card injured"')[1]


def test_place_page_for_an_empty_place_says_so(client, data):
    assert "No figure or condition has been read for Al Bab" in get(client, "place", "SY0202")


def test_place_page_unknown_pcode_is_404(client, data):
    assert client.get(reverse("dashboard:place", args=["XX99"])).status_code == 404


def test_place_page_runs_a_fixed_number_of_queries(client, data, scenario, django_assert_max_num_queries,
                                                   django_assert_num_queries):
    with django_assert_max_num_queries(40) as captured:
        get(client, "place", "SY02")
    scenario(STRIKES.replace("a      |", "g      |").replace("b      |", "h      |"))
    with django_assert_num_queries(len(captured)):
        get(client, "place", "SY02")


def test_provenance_lists_the_quotes_behind_a_day(client, data):
    html = get(client, "provenance", of="killed", day="2016-09-26")
    assert "at least 12 people were killed" in html and "15 people were killed" in html
    assert "40 people were killed in Idleb" not in html


def test_provenance_partial_is_the_list_alone(client, data):
    html = get(client, "provenance", of="killed", day="2016-09-26", partial="1")
    assert "<html" not in html and "at least 12 people were killed" in html


def test_provenance_respects_the_page_filter(client, data):
    html = get(client, "provenance", of="killed", source="SOHR", date_after="2016-09-01")
    assert "at least 12 people were killed" in html and "15 people were killed" not in html


def test_provenance_with_nothing_behind_it_says_so(client, data):
    assert "No figure under this filter" in get(client, "provenance", of="missing")


def test_pages_need_a_login_when_the_dashboard_is_not_public(client, data, settings):
    settings.SITREP_PUBLIC = False
    for name, args in [("overview", []), ("districts", []), ("place", ["SY02"]), ("provenance", [])]:
        response = client.get(reverse(f"dashboard:{name}", args=args))
        assert response.status_code == 302, name


def test_overview_offers_all_dates_while_keeping_the_other_filters(client, data):
    html = get(client, "overview", place="SY02")
    assert 'href="?place=SY02&amp;date_after=">Show all dates</a>' in html


def test_provenance_of_a_running_total_lists_the_claim_not_the_incidents(client, data):
    html = get(client, "provenance", of="killed", cumulative="1", day="2016-09-27")
    assert "248" in html and "in total since the truce ended" in html
    assert "at least 12 people were killed" not in html


def test_provenance_for_an_unknown_place_is_404(client, data):
    assert client.get(reverse("dashboard:provenance"), {"of": "killed", "at": "XX99"}).status_code == 404


def test_provenance_says_how_many_figures_there_are_and_pages_through_them(client, places, scenario):
    # 230 strikes on 230 days: more than one page of figures and more incidents than the list shows.
    rows = "\n".join(f"r{i} | 2016-09-27 | killed | {i + 1} | exact | 2016-{1 + i // 28:02d}-{1 + i % 28:02d} | C1007 "
                     f"| {i + 1} killed in strike {i}" for i in range(230))
    scenario("report | published | kind | value | qualifier | date | place | quote\n" + rows)
    html = get(client, "provenance", of="killed", date_after="")
    assert "Killed: 230 figures" in html
    assert "Showing figures 1–100 of 230" in html and "page 1 of 3" in html
    assert "230 incidents (the first 100 shown, by day)" in html
    assert html.count("<blockquote>") == 100
    assert 'rel="next"' in html and 'rel="prev"' not in html
    last = get(client, "provenance", of="killed", date_after="", page="3")
    assert "Showing figures 201–230 of 230" in last and last.count("<blockquote>") == 30
    assert "230 killed in strike 229" in last and "1 killed in strike 0<" not in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # A page number that is no page gives the nearest page, never an error.
    assert "Showing figures 201–230" in get(client, "provenance", of="killed", date_after="", page="99")
    assert "Showing figures 1–100" in get(client, "provenance", of="killed", date_after="", page="x")
