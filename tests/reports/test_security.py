"""Security: the admin login is rate-limited, every form carries a CSRF token, `check --deploy` is clean
with production settings, and cookies are secure when DEBUG is off."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.reports.review_support import PASSWORD, killed, make_user, places, report, roles  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
LOGIN = reverse("admin:login")


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def signed_in(response):
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def test_the_right_password_signs_in(client, make_user):
    make_user("editor", password=PASSWORD)
    assert signed_in(log_in(client, "editor", PASSWORD))


@override_settings(SITREP_LOGIN_ATTEMPTS=3)
def test_after_too_many_failures_even_the_right_password_is_refused(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(3):
        log_in(client, "editor", "wrong")
    response = log_in(client, "editor", PASSWORD)
    assert not signed_in(response)
    assert "Too many failed login attempts" in response.content.decode()


@override_settings(SITREP_LOGIN_ATTEMPTS=3)
def test_failures_below_the_limit_do_not_lock(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(2):
        log_in(client, "editor", "wrong")
    assert signed_in(log_in(client, "editor", PASSWORD))


@override_settings(SITREP_LOGIN_ATTEMPTS=3)
def test_the_lock_counts_usernames_whatever_their_case(client, make_user):
    make_user("editor", password=PASSWORD)
    for name in ["Editor", "EDITOR", " editor"]:
        log_in(client, name, "wrong")
    assert not signed_in(log_in(client, "editor", PASSWORD))


@override_settings(SITREP_LOGIN_ATTEMPTS=3)
def test_a_lock_on_one_address_leaves_other_addresses_free(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(3):
        log_in(client, "editor", "wrong", address="10.0.0.1")
    assert signed_in(log_in(client, "editor", PASSWORD, address="10.0.0.2"))


@override_settings(SITREP_LOGIN_ATTEMPTS=3, SITREP_LOGIN_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_forwarded_address_is_counted(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(3):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.9",
                    HTTP_X_FORWARDED_FOR="203.0.113.5")
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                           REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert signed_in(response)


@override_settings(SITREP_LOGIN_ATTEMPTS=3, SITREP_LOGIN_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_a_forged_forwarded_entry_does_not_escape_the_lock(client, make_user):
    make_user("editor", password=PASSWORD)
    for n in range(3):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.9",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                           REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert not signed_in(response)


@override_settings(SITREP_LOGIN_ATTEMPTS=3, SITREP_LOGIN_ATTEMPTS_PER_ADDRESS=5)
def test_one_address_guessing_many_usernames_is_locked_too(client, make_user):
    make_user("editor", password=PASSWORD)
    for n in range(5):
        log_in(client, f"someone{n}", "wrong")
    assert not signed_in(log_in(client, "editor", PASSWORD))


@override_settings(SITREP_LOGIN_ATTEMPTS=3)
def test_a_successful_login_resets_the_count_for_that_username(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(2):
        log_in(client, "editor", "wrong")
    assert signed_in(log_in(client, "editor", PASSWORD))
    client.logout()
    for _ in range(2):
        log_in(client, "editor", "wrong")
    assert signed_in(log_in(client, "editor", PASSWORD))


# Long enough that two slow password checks on a busy machine stay inside the window.
@override_settings(SITREP_LOGIN_ATTEMPTS=2, SITREP_LOGIN_LOCKOUT_SECONDS=5)
def test_the_lock_ends_after_the_lockout(client, make_user):
    make_user("editor", password=PASSWORD)
    for _ in range(2):
        log_in(client, "editor", "wrong")
    assert not signed_in(log_in(client, "editor", PASSWORD))
    time.sleep(5.2)
    assert signed_in(log_in(client, "editor", PASSWORD))


def test_the_login_form_needs_the_csrf_token(make_user):
    make_user("editor", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 403 and not response.wsgi_request.user.is_authenticated


POST_FORM = re.compile(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


@pytest.mark.parametrize("url_name, argument", [
    ("admin:login", None),
    ("admin:reports_indicator_review", None),
    ("admin:reports_indicator_correct", "indicator"),
    ("admin:reports_report_upload", None),
    ("admin:reports_report_add", None),
    ("admin:reports_report_change", "report"),
    ("admin:reports_indicator_changelist", None),
])
def test_every_post_form_carries_a_csrf_token(client, make_user, killed, url_name, argument):
    if url_name != "admin:login":
        client.force_login(make_user("superuser"))
    args = {"indicator": [killed.pk], "report": [killed.report_id], None: []}[argument]
    html = client.get(reverse(url_name, args=args)).content.decode()
    forms = POST_FORM.findall(html)
    assert forms and all('name="csrfmiddlewaretoken"' in form for form in forms)


def test_the_review_queue_runs_no_inline_script(client, make_user, killed):
    client.force_login(make_user("reviewer"))
    response = client.get(reverse("admin:reports_indicator_review"))
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.content.decode(), re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and "application/json" not in attrs]
    assert inline == [] and "script-src 'self'" in response["Content-Security-Policy"]


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Jq2-not-a-real-key-but-long-and-random-enough-zP4vW7yT1mX9bN3cL6hR0sD5fG",
    "ALLOWED_HOSTS": "sitrep.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def run_manage(*args, **env):
    # Only the production settings given: nothing of this test run (DEBUG, the database, the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE) may leak into the checked configuration.
    dropped = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS",
               "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES")
    full = {k: v for k, v in os.environ.items() if k not in dropped}
    full.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_not_configured():
    env = {k: v for k, v in PRODUCTION.items() if k not in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "security.W008" in result.stderr and "security.W004" in result.stderr


def test_cookies_are_secure_and_sessions_short_in_production():
    code = ("from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
            "s.SESSION_COOKIE_AGE, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)")
    result = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.split() == ["True", "True", "True", "28800", "True"], result.stderr


def test_the_health_check_is_not_redirected_to_https():
    code = ("from django.test import Client; "
            "print(Client().get('/healthz', HTTP_HOST='sitrep.example.org').status_code, "
            "Client().get('/admin/', HTTP_HOST='sitrep.example.org').status_code)")
    result = run_manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.split()[-2:] == ["200", "301"], result.stderr
