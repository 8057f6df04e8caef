"""Near-duplicate reports: the same wire story under another headline, with small edits, is flagged."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reports.duplicates import band_keys, flag_near_duplicate, shingles
from reports.ingest import ingest_report
from reports.models import NearDuplicateKey, Report

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def edited(text):
    """Another outlet's copy: its own headline and a few words changed."""
    words = text.split(" ")
    for i in range(40, len(words), len(words) // 5):
        words[i] = "edited"
    return "Regime jets pound the east of the city\n\n" + " ".join(words)


def test_a_copy_with_another_headline_and_small_edits_is_flagged(seed_paths):
    text = seed_paths[0].read_text("utf-8")
    original, _ = ingest_report(text=text, title="Original")
    copy, created = ingest_report(text=edited(text), title="Another outlet")
    assert created
    copy.refresh_from_db()
    assert copy.duplicate_of == original
    assert copy.duplicate_status == Report.Duplicate.SUSPECTED
    original.refresh_from_db()
    assert (original.duplicate_of, original.duplicate_status) == (None, "")


def test_two_different_reports_are_not_flagged(seed_paths):
    first, _ = ingest_report(text=seed_paths[0].read_text("utf-8"))
    second, _ = ingest_report(text=seed_paths[1].read_text("utf-8"))
    second.refresh_from_db()
    assert (second.duplicate_of, second.duplicate_status) == (None, "")


def test_a_copy_of_a_copy_points_to_the_original(seed_paths):
    text = seed_paths[1].read_text("utf-8")
    original, _ = ingest_report(text=text)
    ingest_report(text=edited(text))
    third, _ = ingest_report(text=edited(text).replace("Regime jets", "Warplanes"))
    third.refresh_from_db()
    assert third.duplicate_of == original


def test_a_trimmed_copy_is_flagged_by_containment(seed_paths):
    text = seed_paths[0].read_text("utf-8")
    original, _ = ingest_report(text=text)
    trimmed, _ = ingest_report(text="Headline of the outlet\n" + text[: len(text) // 2])
    trimmed.refresh_from_db()
    assert trimmed.duplicate_of == original


def test_a_dismissed_flag_is_not_raised_again(seed_paths):
    text = seed_paths[0].read_text("utf-8")
    ingest_report(text=text)
    copy, _ = ingest_report(text=edited(text))
    copy.refresh_from_db()
    copy.duplicate_status = Report.Duplicate.DISMISSED
    copy.save()
    flag_near_duplicate(copy)
    copy.refresh_from_db()
    assert copy.duplicate_status == Report.Duplicate.DISMISSED


def test_each_report_stores_a_small_signature_not_its_text(seed_paths):
    report, _ = ingest_report(text=seed_paths[0].read_text("utf-8"))
    assert NearDuplicateKey.objects.filter(report=report).count() == len(set(band_keys(shingles(report.body))))
    assert 0 < NearDuplicateKey.objects.filter(report=report).count() <= 20


def test_signatures_are_the_same_in_another_process():
    # Stored keys must match those a later import computes: no per-process hash seed may creep in.
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sitrep.settings'); django.setup(); "
            "from reports.duplicates import band_keys, shingles; print(band_keys(shingles(TEXT)))")
    text = "Shelling killed four people in the village on Sunday, residents said."
    env = dict(os.environ, PYTHONHASHSEED="12345")
    output = subprocess.run([sys.executable, "-c", code.replace("TEXT", repr(text))], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    assert output.strip() == str(band_keys(shingles(text)))
