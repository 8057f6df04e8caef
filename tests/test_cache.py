"""Shared state lives in Django's cache framework: the database cache by default, Redis (Django's
RedisCache) when REDIS_URL is set. Both are tested for real: the database's own table, and the Redis
server on 127.0.0.1:6379 (skipped with a message when none answers, except under CI=true)."""

import os
import runpy
import socket
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def settings_with(monkeypatch, **environ):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "sitrep" / "settings.py"))


def test_the_cache_is_the_database_by_default(monkeypatch):
    cache = settings_with(monkeypatch)["CACHES"]["default"]
    assert cache == {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "sitrep_cache"}


def test_the_cache_is_redis_when_redis_url_is_set(monkeypatch):
    cache = settings_with(monkeypatch, REDIS_URL="redis://cache.internal:6379/2")["CACHES"]["default"]
    assert (cache["BACKEND"], cache["LOCATION"]) == ("django.core.cache.backends.redis.RedisCache",
                                                     "redis://cache.internal:6379/2")


@pytest.mark.django_db
def test_the_database_cache_keeps_values_in_its_table():
    caches["default"].set("w13f-probe", {"count": 3}, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sitrep_cache WHERE cache_key LIKE %s", ["%w13f-probe"])
        assert cursor.fetchone()[0] == 1
    assert caches["default"].get("w13f-probe") == {"count": 3}


@pytest.mark.django_db
def test_the_database_cache_counts_with_incr():
    cache = caches["default"]
    cache.add("w13f-count", 1, 60)
    cache.incr("w13f-count")
    assert cache.get("w13f-count") == 2


@pytest.fixture
def redis_cache(settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not answering on 127.0.0.1:6379 and CI=true")
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    # A prefix of its own: other test runs share this Redis server, so nothing here clears it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": REDIS_URL, "KEY_PREFIX": f"sitrep-test-{uuid.uuid4().hex}"}}
    return caches["default"]


def test_the_redis_cache_keeps_values(redis_cache):
    redis_cache.set("probe", {"count": 3}, 60)
    assert redis_cache.get("probe") == {"count": 3}


def test_the_redis_cache_counts_with_incr(redis_cache):
    redis_cache.add("count", 1, 60)
    redis_cache.incr("count")
    assert redis_cache.get("count") == 2
    redis_cache.delete("count")


def test_the_redis_cache_is_seen_by_another_client(redis_cache):
    import redis

    redis_cache.set("shared", "yes", 60)
    key = redis_cache.make_key("shared")
    assert redis.Redis.from_url(REDIS_URL).exists(key) == 1
    redis_cache.delete("shared")
