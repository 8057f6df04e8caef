"""Feeds end to end against a real HTTP server on 127.0.0.1: added with the command, polled through the
task, items imported and extracted, shown on the dashboard and in the CSVs; deduplication, conditional
GET, bad feeds, back-off and the scheduler."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports import feeds
from reports.models import Feed, FeedItem, Indicator, Report, Source
from tests.reports.feed_server import _feed_server, article_page, atom, feed_server, rss  # noqa: F401
from tests.reports.review_support import places  # noqa: F401

pytestmark = pytest.mark.django_db

SHELLING = "Shelling killed 7 civilians in Aleppo on Tuesday, the civil defence said."
AIRSTRIKE = "An airstrike killed 4 people in Idleb city on Monday, local medics said."


def add(url, *args):
    out = StringIO()
    call_command("add_feed", url, *args, stdout=out)
    return Feed.objects.get(pk=int(out.getvalue().strip()))


def poll_all():
    call_command("poll_feeds", "--now", stdout=StringIO())


def shelling_feed(server, path="/aleppo.xml", **route):
    return server.serve(path, rss(
        {"guid": "aleppo-1", "link": f"{server.base}/news/1", "title": "Shelling in Aleppo",
         "content": f"<p>{SHELLING}</p>"}), headers={"Content-Type": "application/rss+xml"}, **route)


# --- commands and end to end ----------------------------------------------------------------------

def test_add_feed_prints_the_new_feed_id_and_stores_its_settings(feed_server):
    feed = add(f"{feed_server.base}/f.xml", "--kind", "rss", "--source", "Aleppo News", "--every", "30")
    assert (feed.kind, feed.every_minutes, feed.source.name) == ("rss", 30, "Aleppo News")


def test_a_new_feed_is_due_at_once(feed_server):
    feed = add(shelling_feed(feed_server))
    assert Feed.objects.due().filter(pk=feed.pk).exists()


def test_rss_items_become_extracted_reports(feed_server, places):
    add(shelling_feed(feed_server))
    poll_all()
    report = Report.objects.get()
    assert (report.title, report.url, report.published_on) == (
        "Shelling in Aleppo", f"{feed_server.base}/news/1", datetime.date(2026, 11, 10))
    assert Indicator.objects.get(report=report).value == 7


def test_a_feed_report_shows_on_the_dashboard_and_in_the_csv(feed_server, places, client):
    add(shelling_feed(feed_server))
    poll_all()
    assert "Shelling in Aleppo" in client.get("/reports/").content.decode()
    figures = b"".join(client.get("/export/figures.csv").streaming_content).decode()
    assert "killed 7 civilians" in figures


def test_the_feed_title_is_the_publisher_when_no_source_is_given(feed_server, places):
    add(shelling_feed(feed_server))
    poll_all()
    assert Report.objects.get().publisher.name == "Aleppo News"


def test_atom_entries_become_reports(feed_server, places):
    add(feed_server.serve("/idleb.atom", atom(
        {"guid": "urn:idleb:1", "title": "Airstrike on Idleb", "link": f"{feed_server.base}/i/1",
         "content": f"<p>{AIRSTRIKE}</p>"}), headers={"Content-Type": "application/atom+xml"}))
    poll_all()
    assert Report.objects.get().body == AIRSTRIKE


def test_an_item_with_only_a_summary_is_read_from_its_article_page(feed_server, places):
    feed_server.serve("/news/2", article_page("Shelling in Aleppo", [
        SHELLING, "Residents said the shelling hit a market street in the early morning hours, and "
        "ambulances took the wounded to the two hospitals still working in the city."]),
        headers={"Content-Type": "text/html; charset=utf-8"})
    add(feed_server.serve("/summary.xml", rss(
        {"guid": "s-2", "link": f"{feed_server.base}/news/2", "title": "Shelling in Aleppo",
         "description": "Shelling hit Aleppo."})))
    poll_all()
    body = Report.objects.get().body
    assert SHELLING in body and "Copyright" not in body and "Sport" not in body


def test_the_same_item_polled_twice_is_one_report(feed_server, places):
    feed = add(shelling_feed(feed_server))
    feeds.poll_feed(feed.pk)
    result = feeds.poll_feed(feed.pk)
    assert (Report.objects.count(), result.created, result.unchanged) == (1, 0, 1)


def test_the_same_article_in_two_feeds_is_one_report(feed_server, places):
    add(shelling_feed(feed_server, "/one.xml"))
    add(shelling_feed(feed_server, "/two.xml"))
    poll_all()
    assert Report.objects.count() == 1 and FeedItem.objects.count() == 2


def test_the_same_text_at_another_address_is_one_report(feed_server, places):
    add(feed_server.serve("/a.xml", rss({"guid": "a", "link": f"{feed_server.base}/a/1", "title": "One",
                                         "content": SHELLING})))
    add(feed_server.serve("/b.xml", rss({"guid": "b", "link": f"{feed_server.base}/b/1", "title": "Two",
                                         "content": SHELLING})))
    poll_all()
    assert Report.objects.count() == 1


def test_items_imported_counts_new_reports_only(feed_server, places):
    feed = add(shelling_feed(feed_server))
    feeds.poll_feed(feed.pk)
    feeds.poll_feed(feed.pk)
    assert Feed.objects.get(pk=feed.pk).items_imported == 1


# --- conditional GET ------------------------------------------------------------------------------

def test_an_unchanged_feed_with_an_etag_is_not_transferred_again(feed_server, places):
    feed = add(shelling_feed(feed_server, etag='"v1"'))
    feeds.poll_feed(feed.pk)
    sent = feed_server.bytes_sent["/aleppo.xml"]
    result = feeds.poll_feed(feed.pk)
    assert result.not_modified and feed_server.requests["/aleppo.xml"] == 2
    assert feed_server.bytes_sent["/aleppo.xml"] == sent


def test_last_modified_is_sent_back(feed_server, places):
    feed = add(shelling_feed(feed_server, last_modified="Tue, 10 Nov 2026 08:00:00 GMT"))
    feeds.poll_feed(feed.pk)
    assert feeds.poll_feed(feed.pk).not_modified


# --- ReliefWeb --------------------------------------------------------------------------------------

def reliefweb_answer(base):
    return json.dumps({"totalCount": 1, "count": 1, "data": [{"id": "4242", "score": 1, "fields": {
        "title": "Syria: flash update on Aleppo", "body": SHELLING, "url": f"{base}/node/4242",
        "url_alias": f"{base}/report/syria/flash-update", "date": {"original": "2026-11-09T00:00:00+00:00",
                                                                    "created": "2026-11-09T10:00:00+00:00"},
        "source": [{"name": "OCHA", "shortname": "OCHA"}]}}]})


def test_reliefweb_reports_are_imported_with_their_own_source(feed_server, places, settings):
    settings.SITREP_RELIEFWEB_URL = feed_server.serve(
        "/v2/reports", reliefweb_answer(feed_server.base), headers={"Content-Type": "application/json"})
    out = StringIO()
    call_command("add_feed", "--kind", "reliefweb", stdout=out)
    poll_all()
    report = Report.objects.get()
    assert (report.publisher.name, report.published_on, report.url) == (
        "OCHA", datetime.date(2026, 11, 9), f"{feed_server.base}/report/syria/flash-update")


def test_reliefweb_is_asked_for_the_country_since_a_date_with_the_app_name(feed_server, places, settings):
    settings.SITREP_RELIEFWEB_APPNAME = "sitrep-test"
    url = feed_server.serve("/v2/reports", reliefweb_answer(feed_server.base))
    feeds.poll_feed(add(url, "--kind", "reliefweb").pk)
    query = feed_server.seen_headers["/v2/reports"][0]
    assert "appname=sitrep-test" in query and "SYR" in query and "date.created" in query


# --- bad feeds ------------------------------------------------------------------------------------

BAD_FEEDS = {
    "html page": (dict(body=article_page("Home", ["Welcome"]), headers={"Content-Type": "text/html"}),
                  "web page (HTML), not an RSS or Atom feed"),
    "broken xml": (dict(body='<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item>'
                             "<title>Cut</title></channel></rss>", headers={"Content-Type": "application/xml"}),
                   "not well-formed XML"),
    "not found": (dict(body="<html>gone</html>", status=404), "answered 404 Not Found"),
    "server error": (dict(body="oops", status=500), "answered 500 Internal Server Error"),
    "no answer": (dict(body=rss(), delay=3), "no answer within 1 s"),
    "200 MB": (dict(stream_bytes=200_000_000), "larger than the 1 MB limit"),
    "wrong encoding": (dict(body=rss({"guid": "e", "title": "Caf\u00e9", "content": SHELLING}).encode("latin-1"),
                            headers={"Content-Type": "application/rss+xml; charset=utf-8"}),
                       "not valid utf-8"),
}


@pytest.mark.parametrize("case", BAD_FEEDS)
def test_a_bad_feed_records_its_error_and_other_feeds_go_on(feed_server, places, settings, case):
    settings.SITREP_FETCH_TIMEOUT = 1
    settings.SITREP_FETCH_MAX_BYTES = 1_000_000
    route, words = BAD_FEEDS[case]
    bad = add(feed_server.serve("/bad.xml", **route))
    add(shelling_feed(feed_server))
    poll_all()
    bad.refresh_from_db()
    assert words in bad.last_error and bad.consecutive_failures == 1
    assert list(Report.objects.values_list("url", flat=True)) == [f"{feed_server.base}/news/1"]


def test_a_reliefweb_error_document_is_recorded_in_its_words(feed_server, places):
    url = feed_server.serve("/v2/reports", json.dumps(
        {"time": 1, "status": 400, "error": {"type": "InvalidArgumentException",
                                             "message": "Invalid appname parameter."}}), status=400)
    feed = add(url, "--kind", "reliefweb")
    feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.last_error == "ReliefWeb answered an error (400): Invalid appname parameter."


def test_a_failing_feed_backs_off(feed_server):
    feed = add(feed_server.serve("/down.xml", "oops", status=500), "--every", "10")
    delays = []
    for _ in range(3):
        before = timezone.now()
        feeds.poll_feed(feed.pk)
        feed.refresh_from_db()
        delays.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert delays == [10, 20, 40] and feed.consecutive_failures == 3


def test_a_success_clears_the_error_and_the_failures(feed_server, places):
    feed = add(feed_server.serve("/aleppo.xml", "oops", status=500))
    feeds.poll_feed(feed.pk)
    shelling_feed(feed_server)
    feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert (feed.last_error, feed.consecutive_failures, feed.last_success_at is not None) == ("", 0, True)


def test_an_item_whose_article_fails_leaves_nothing_and_is_tried_again(feed_server, places):
    feed = add(feed_server.serve("/two.xml", rss(
        {"guid": "ok", "link": f"{feed_server.base}/news/1", "title": "Shelling", "content": SHELLING},
        {"guid": "later", "link": f"{feed_server.base}/news/9", "title": "Airstrike", "description": "Idleb"})))
    feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert Report.objects.count() == 1 and "1 of 2 items not imported" in feed.last_error
    assert not FeedItem.objects.filter(guid="later").exists() and not feed.etag
    feed_server.serve("/news/9", article_page("Airstrike", [AIRSTRIKE]))
    feeds.poll_feed(feed.pk)
    assert Report.objects.count() == 2


# --- safe fetching --------------------------------------------------------------------------------

def test_loopback_is_refused_without_the_setting(feed_server, settings):
    settings.SITREP_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(feeds.FetchError, match="refused, 127.0.0.1 is a loopback address"):
        feeds.fetch(shelling_feed(feed_server))
    assert feed_server.requests["/aleppo.xml"] == 0


def test_a_name_that_resolves_to_loopback_is_refused(feed_server, settings):
    settings.SITREP_FETCH_ALLOW_PRIVATE = False
    url = shelling_feed(feed_server).replace("127.0.0.1", "localhost")
    with pytest.raises(feeds.FetchError, match="localhost is a loopback address"):
        feeds.fetch(url)


def test_a_redirect_to_the_link_local_metadata_address_is_refused(feed_server):
    url = feed_server.serve("/moved.xml", status=302,
                            headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(feeds.FetchError, match="169.254.169.254 is a link-local address"):
        feeds.fetch(url)


def test_a_refused_feed_records_why(feed_server, settings):
    settings.SITREP_FETCH_ALLOW_PRIVATE = False
    feed = add(shelling_feed(feed_server))
    feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert "only public addresses are fetched" in feed.last_error


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/1", "ftp://example.org/feed"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(feeds.FetchError, match="only http and https addresses are fetched"):
        feeds.fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/1"])
def test_add_feed_refuses_other_schemes(url):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="only http and https"):
        call_command("add_feed", url, stdout=StringIO())


def test_redirects_are_followed_a_bounded_number_of_times(feed_server):
    for n in range(8):
        feed_server.serve(f"/hop{n}", status=302, headers={"Location": f"/hop{n + 1}"})
    with pytest.raises(feeds.FetchError, match="more than 5 redirects"):
        feeds.fetch(f"{feed_server.base}/hop0")


def test_a_redirect_to_an_allowed_address_is_followed(feed_server, places):
    target = shelling_feed(feed_server)
    feed = add(feed_server.serve("/old.xml", status=301, headers={"Location": target}))
    feeds.poll_feed(feed.pk)
    assert Report.objects.count() == 1


# --- scheduling -----------------------------------------------------------------------------------

def test_the_scheduler_polls_a_due_feed(feed_server, places):
    add(shelling_feed(feed_server))
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert Report.objects.count() == 1


def test_a_polled_feed_is_not_due_before_its_interval(feed_server, places):
    add(shelling_feed(feed_server))
    call_command("poll_feeds", stdout=StringIO())
    out = StringIO()
    call_command("poll_feeds", stdout=out)
    assert out.getvalue().strip() == "feeds: 0 poll(s) enqueued" and feed_server.requests["/aleppo.xml"] == 1


def test_an_inactive_feed_is_not_polled(feed_server):
    feed = add(shelling_feed(feed_server))
    Feed.objects.filter(pk=feed.pk).update(active=False)
    poll_all()
    assert feed_server.requests["/aleppo.xml"] == 0


# --- admin ----------------------------------------------------------------------------------------

def test_the_feed_admin_shows_last_error_failures_and_items(feed_server, admin_client):
    feed = add(feed_server.serve("/down.xml", "oops", status=500))
    feeds.poll_feed(feed.pk)
    page = admin_client.get("/admin/reports/feed/").content.decode()
    assert "answered 500 Internal Server Error" in page and "Items imported" in page


def test_the_feed_admin_list_takes_a_fixed_number_of_queries(feed_server, admin_client,
                                                           django_assert_max_num_queries):
    source = Source.objects.create(name="Aleppo News")
    for n in range(10):
        Feed.objects.create(url=f"{feed_server.base}/{n}.xml", source=source)
    with django_assert_max_num_queries(12):
        assert admin_client.get("/admin/reports/feed/").status_code == 200


def test_a_near_copy_from_another_feed_is_flagged_as_a_possible_duplicate(feed_server, places, seed_paths):
    from tests.reports.test_duplicates import edited

    text = seed_paths[0].read_text("utf-8")
    add(feed_server.serve("/wire.xml", rss({"guid": "w1", "link": f"{feed_server.base}/wire/1",
                                             "title": "Wire", "content": text})))
    add(feed_server.serve("/outlet.xml", rss({"guid": "o1", "link": f"{feed_server.base}/outlet/1",
                                               "title": "Outlet", "content": edited(text)})))
    poll_all()
    copy = Report.objects.get(url=f"{feed_server.base}/outlet/1")
    assert (copy.duplicate_status, copy.duplicate_of.url) == (Report.Duplicate.SUSPECTED,
                                                              f"{feed_server.base}/wire/1")


def test_a_poll_of_a_deleted_feed_does_nothing(feed_server):
    feed = add(shelling_feed(feed_server))
    Feed.objects.filter(pk=feed.pk).delete()
    assert feeds.poll_feed(feed.pk).error == f"feed {feed.pk} no longer exists"
    assert feed_server.requests["/aleppo.xml"] == 0


def test_a_reliefweb_server_error_without_json_says_its_status(feed_server):
    feed = add(feed_server.serve("/v2/reports", "<html>Bad gateway</html>", status=502), "--kind", "reliefweb")
    feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.last_error == "ReliefWeb answered 502 Bad Gateway"
