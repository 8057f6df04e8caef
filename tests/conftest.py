"""Test configuration shared by the whole suite.

The suite runs twice from `make test`: once on SQLite (the default) and once on PostgreSQL,
by setting DATABASE_URL to TEST_DATABASE_URL. Tests read the seeds and FA-KES from ../shared.
"""

import os
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("DEBUG", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
FAKES = SHARED / "data" / "fa-kes"


@pytest.fixture
def seed_paths():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, f"expected the two seed reports in {SEEDS}"
    return paths


@pytest.fixture(scope="session")
def fakes_csv():
    path = FAKES / "FA-KES-Dataset.csv"
    assert path.exists(), f"FA-KES is expected at {path}"
    return path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Passwords hashed with a fast hasher in tests, as Django's testing docs advise: the login and
    rate-limit tests sign in dozens of times, and the production hasher (PBKDF2) is slow on purpose.
    What is tested (who may sign in, when a login is refused) does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def tasks_run_inline(request, settings):
    """Tasks run inline, in the test's own transaction (Django's ImmediateBackend), except in the tests of
    the queue itself (marked `queue`), which use the database backend and real db_worker processes."""
    if "queue" not in request.keywords:
        settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def cache_per_test(settings):
    """Each test its own cache keys (a key prefix of its own): the cache table is not emptied between
    transactional tests, and a page cached by one test must not be read by the next (its data differ while
    nothing it wrote bumped the page cache's generation)."""
    settings.CACHES = {name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
                      for name, config in settings.CACHES.items()}
