"""make run's commands: load_demo (idempotent and fast the second time) and ensure_local_admin."""

import io
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import Indicator, Report

pytestmark = pytest.mark.django_db


def command(name, **kwargs):
    out = io.StringIO()
    call_command(name, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def shared(tmp_path, settings, seed_paths):
    (tmp_path / "seeds").mkdir()
    for path in seed_paths:
        shutil.copy(path, tmp_path / "seeds" / path.name)
    settings.SITREP_SHARED_DIR = tmp_path
    return tmp_path


def test_load_demo_imports_the_seeds(shared):
    assert command("load_demo") == "demo corpus: read 2, created 2, unchanged 0, failed 0\n"
    assert Report.objects.count() == 2


def test_load_demo_twice_reimports_and_reextracts_nothing(shared):
    command("load_demo")
    indicators = list(Indicator.objects.values_list("pk", "modified"))
    reports = list(Report.objects.values_list("pk", "modified"))
    assert command("load_demo") == "demo corpus: read 2, created 0, unchanged 2, failed 0\n"
    assert list(Indicator.objects.values_list("pk", "modified")) == indicators
    assert list(Report.objects.values_list("pk", "modified")) == reports


def test_load_demo_without_the_shared_folder_says_so(tmp_path, settings):
    settings.SITREP_SHARED_DIR = tmp_path / "absent"
    output = command("load_demo")
    assert output.startswith("demo corpus: nothing to import")
    assert str(tmp_path / "absent") in output
    assert not Report.objects.exists()


def test_local_admin_is_created_with_a_random_password_printed_once(settings):
    settings.DEBUG = True
    output = command("ensure_local_admin")
    password = output.split("password ")[1].split(" ")[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)
    assert len(password) >= 20
    again = command("ensure_local_admin")
    assert password not in again
    assert "already exists" in again
    assert get_user_model().objects.count() == 1


def test_local_admin_passwords_differ_between_machines(settings):
    settings.DEBUG = True
    first = command("ensure_local_admin").split("password ")[1]
    get_user_model().objects.all().delete()
    second = command("ensure_local_admin").split("password ")[1]
    assert first != second


def test_existing_superuser_is_left_alone(settings):
    settings.DEBUG = True
    boss = get_user_model().objects.create_superuser("boss", password="x" * 20)
    output = command("ensure_local_admin")
    assert "'boss' already exists" in output and "password " not in output.replace("password unchanged", "")
    assert list(get_user_model().objects.all()) == [boss]


def test_local_admin_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        command("ensure_local_admin")
    assert not get_user_model().objects.exists()
