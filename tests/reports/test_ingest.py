"""ingest_report: one report in, idempotent, dated, with its publisher."""

import datetime

import pytest

from reports.ingest import IngestError, ingest_report
from reports.models import Indicator, Report, Source

TEXT = ("Wed 05 Apr 2017 At least 14 civilians were killed and 30 others wounded in air strikes on the town "
        "of Khan Sheikhoun in Idlib province on Tuesday, the Syrian Observatory for Human Rights said.")
UNDATED = "Dozens of families fled their homes after shelling, a local council member said."

pytestmark = pytest.mark.django_db


def test_new_text_creates_a_report():
    report, created = ingest_report(text=TEXT, title="Strikes on Khan Sheikhoun")
    assert created
    assert Report.objects.get() == report
    assert report.title == "Strikes on Khan Sheikhoun"
    assert report.body == TEXT


def test_same_text_again_returns_the_existing_report_and_changes_nothing():
    first, _ = ingest_report(text=TEXT, title="One headline")
    indicators = list(Indicator.objects.values_list("pk", flat=True))
    again, created = ingest_report(text=TEXT, title="Another headline", publisher="Someone else")
    assert not created
    assert again.pk == first.pk
    assert Report.objects.get().title == "One headline"
    assert Report.objects.get().publisher is None
    assert list(Indicator.objects.values_list("pk", flat=True)) == indicators


def test_text_differing_only_in_spacing_is_the_same_report():
    ingest_report(text=TEXT)
    _, created = ingest_report(text="  " + TEXT.replace(" ", "\n  ") + "\n")
    assert not created
    assert Report.objects.count() == 1


def test_publisher_name_reuses_a_source_whatever_its_case():
    reuters = Source.objects.create(name="Reuters", kind=Source.Kind.NEWS_AGENCY)
    report, _ = ingest_report(text=TEXT, publisher="REUTERS")
    assert report.publisher == reuters
    assert Source.objects.filter(name__iexact="reuters").count() == 1


def test_publisher_given_as_a_name_is_created_once():
    first, _ = ingest_report(text=TEXT, publisher="Anadolu Agency")
    second, _ = ingest_report(text=UNDATED, publisher="anadolu agency")
    assert first.publisher == second.publisher
    assert first.publisher.kind == Source.Kind.NEWS_AGENCY


def test_fakes_source_tag_becomes_the_outlet_name():
    report, _ = ingest_report(text=TEXT, publisher="sana")
    assert report.publisher.name == "SANA"
    assert report.publisher.kind == Source.Kind.GOVERNMENT


def test_a_new_publisher_is_an_outlet_unless_its_name_says_otherwise():
    report, _ = ingest_report(text=TEXT, publisher="Asharq Al-Awsat")
    assert report.publisher.kind == Source.Kind.NEWS_AGENCY


def test_publisher_given_as_a_source_is_used_as_it_is():
    afp = Source.objects.create(name="AFP")
    report, _ = ingest_report(text=TEXT, publisher=afp)
    assert report.publisher == afp


def test_publication_date_given_is_kept():
    report, _ = ingest_report(text=UNDATED, published_on=datetime.date(2016, 9, 27))
    assert report.published_on == datetime.date(2016, 9, 27)


def test_dateline_gives_the_date_when_none_is_given():
    report, _ = ingest_report(text=TEXT)
    assert report.published_on == datetime.date(2017, 4, 5)


def test_publication_date_that_is_not_a_date_is_refused():
    with pytest.raises(IngestError, match="published_on '2016-02-30' is not a date"):
        ingest_report(text=UNDATED, published_on="2016-02-30")


def test_undated_report_is_kept_without_a_date():
    report, created = ingest_report(text=UNDATED)
    assert created
    assert report.published_on is None
    assert Report.objects.undated().get() == report


def test_default_date_applies_when_the_text_has_no_dateline():
    report, _ = ingest_report(text=UNDATED, default_date=datetime.date(2015, 2, 1))
    assert report.published_on == datetime.date(2015, 2, 1)


def test_default_date_does_not_override_the_dateline():
    report, _ = ingest_report(text=TEXT, default_date=datetime.date(2015, 2, 1))
    assert report.published_on == datetime.date(2017, 4, 5)


def test_same_url_with_a_different_text_is_refused_naming_the_report():
    first, _ = ingest_report(text=TEXT, url="https://example.org/a")
    with pytest.raises(IngestError, match=rf"already belongs to report {first.pk}"):
        ingest_report(text=UNDATED, url="https://example.org/a")
    assert Report.objects.count() == 1


def test_same_url_with_the_same_text_is_unchanged():
    first, _ = ingest_report(text=TEXT, url="https://example.org/a")
    again, created = ingest_report(text=TEXT, url="https://example.org/a")
    assert (again, created) == (first, False)


def test_invalid_url_is_refused():
    with pytest.raises(IngestError, match="not a valid URL"):
        ingest_report(text=TEXT, url="not a url")


def test_empty_text_is_refused():
    with pytest.raises(IngestError, match="empty"):
        ingest_report(text=" \n\t ")
    assert not Report.objects.exists()


def test_title_defaults_to_a_short_first_line():
    report, _ = ingest_report(text="Shelling in Daraa\n\n" + UNDATED)
    assert report.title == "Shelling in Daraa"


def test_figures_are_stored_with_their_exact_words():
    report, _ = ingest_report(text=TEXT)
    figures = list(report.indicators.figures())
    assert figures, "the extractor reads the killed and injured figures"
    for indicator in figures:
        assert indicator.quote == report.body[indicator.start:indicator.end]
        assert indicator.origin == Indicator.Origin.EXTRACTED
        assert indicator.status == Indicator.Status.UNREVIEWED
        assert indicator.extractor_version
    killed = report.indicators.killed().get(group="civilians")
    assert (killed.value, killed.qualifier) == (14, "at_least")
    assert killed.source.name == "Syrian Observatory for Human Rights"
    assert killed.source.kind == Source.Kind.MONITORING_GROUP
