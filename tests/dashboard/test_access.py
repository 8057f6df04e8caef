"""Who may read the dashboard and its downloads when SITREP_PUBLIC is off."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import override_settings

from reports.roles import VIEWER, ensure_roles

PAGES = ["/", "/districts/", "/reports/", "/export/figures.csv"]


@pytest.fixture
def viewer(db):
    ensure_roles()
    user = User.objects.create_user("ana", password="a long viewer passphrase")  # not staff
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


@pytest.fixture(autouse=True)
def fresh_login_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_public_dashboard_is_readable_without_login(client, url):
    with override_settings(SITREP_PUBLIC=True):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_private_dashboard_sends_anonymous_readers_to_sign_in(client, url):
    with override_settings(SITREP_PUBLIC=False):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_private_dashboard_refuses_an_account_without_a_role(client, url):
    client.force_login(User.objects.create_user("nobody"))
    with override_settings(SITREP_PUBLIC=False):
        assert client.get(url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_private_dashboard_is_readable_by_a_viewer_who_is_not_staff(client, viewer, url):
    client.force_login(viewer)
    with override_settings(SITREP_PUBLIC=False):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_viewer_signs_in_on_the_dashboard_login_page_and_lands_where_they_were_going(client, viewer):
    with override_settings(SITREP_PUBLIC=False):
        response = client.post("/accounts/login/", {"username": "ana", "password": "a long viewer passphrase",
                                                    "next": "/districts/"})
        assert response.status_code == 302 and response["Location"] == "/districts/"
        assert client.get("/districts/").status_code == 200


@pytest.mark.django_db
def test_dashboard_login_is_rate_limited_even_for_the_right_password(client, viewer, settings):
    settings.SITREP_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "ana", "password": "wrong"})
        assert "Please enter a correct username and password" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "ana", "password": "a long viewer passphrase"})
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
