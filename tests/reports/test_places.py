import pytest

from reports.models import Place
from reports.places import load_places


@pytest.mark.django_db
def test_load_places_loads_the_whole_gazetteer_with_its_levels():
    load_places()
    counts = {level: Place.objects.filter(level=level).count()
              for level in ["country", "admin1", "admin2", "admin3", "community", "neighbourhood"]}
    assert counts == {"country": 1, "admin1": 14, "admin2": 62, "admin3": 272,
                      "community": 7250, "neighbourhood": 414}


@pytest.mark.django_db
def test_load_places_twice_changes_nothing():
    load_places()
    assert load_places() == (0, 0)


@pytest.mark.django_db
def test_places_know_their_district_and_governorate():
    load_places()
    aleppo = Place.objects.get(pcode="C1007")
    assert aleppo.name_en == "Aleppo"
    assert aleppo.admin1_pcode == "SY02"
    assert aleppo.admin2_pcode == "SY0200"
    assert aleppo.path.startswith("SY/SY02/SY0200/SY020000/")


@pytest.mark.django_db
def test_admin_levels_carry_boundaries_and_communities_centroids():
    load_places()
    assert Place.objects.get(pcode="SY0200").boundary["type"] in ("Polygon", "MultiPolygon")
    assert Place.objects.filter(level="admin3", boundary__isnull=True).count() == 0
    assert Place.objects.filter(level="community", latitude__isnull=True).count() == 0


@pytest.mark.django_db
def test_alias_added_by_an_analyst_survives_a_reload():
    load_places()
    place = Place.objects.get(pcode="SY07")
    place.aliases = place.aliases + "\nIdlib province"
    place.save()
    load_places()
    assert "Idlib province" in Place.objects.get(pcode="SY07").alias_list
