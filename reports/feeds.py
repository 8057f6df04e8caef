"""Feeds: fetching editors' URLs safely, reading RSS, Atom and ReliefWeb's API, and importing new items.

Fetching (`fetch`): only http and https; the host's addresses are checked after DNS resolution and the
connection goes to the checked address (a second lookup could answer differently), again on every
redirect, which are followed here, at most MAX_REDIRECTS. Loopback, private, link-local, multicast,
reserved and other non-public addresses are refused; SITREP_FETCH_ALLOW_PRIVATE lets loopback and private
ones through (tests and local demos serve feeds on 127.0.0.1), never link-local or the others. Every read has a timeout, the whole fetch a deadline, and the body
a size limit counted while it streams.

Polling (`poll_feed`): one conditional GET (ETag / Last-Modified). A feed that cannot be read as a whole
(HTTP error, HTML page, broken XML, wrong encoding, ReliefWeb error document) records its error and
imports nothing. Otherwise each new item is imported in its own transaction (its report, indicators and
the record that the feed delivered it): an item that fails leaves nothing behind and is tried again at
the next poll, while the others are kept.
"""

import datetime
import hashlib
import html.parser
import http.client
import io
import ipaddress
import json
import re
import socket
import ssl
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .ingest import ImportSummary, IngestError, gazetteer_from_places, ingest_report, source_named
from .models import Feed, FeedItem, Report

MAX_REDIRECTS = 5
USER_AGENT = "Sitrep feed reader (+https://github.com/sitrep)"
RELIEFWEB_FIELDS = ["title", "body", "url", "url_alias", "date.original", "date.created", "source.name"]
MAX_BACKOFF = datetime.timedelta(hours=24)
# What SITREP_FETCH_ALLOW_PRIVATE lets through (a feed on this machine or the local network). Link-local
# (cloud metadata at 169.254.169.254), multicast and reserved addresses are refused whatever it says.
PRIVATE_REASONS = ("a loopback address", "a private address")


class FetchError(Exception):
    """A URL that could not be fetched; the message says why in plain words, naming the URL."""


class FeedError(Exception):
    """A feed that was fetched but cannot be read as a whole; nothing of it is imported."""


def _setting(name, default):
    return getattr(settings, name, default)


# --- safe fetching -------------------------------------------------------------------------------

def refused_reason(address):
    """Why an IP address may not be fetched from (None when it is a public address)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attribute, words in [("is_loopback", "a loopback address"), ("is_link_local", "a link-local address"),
                             ("is_multicast", "a multicast address"), ("is_unspecified", "an unspecified address"),
                             ("is_reserved", "a reserved address"), ("is_private", "a private address")]:
        if getattr(ip, attribute):
            return words
    if not ip.is_global:
        return "not a public address"
    return None


def _target(url):
    """(scheme, host, port, path and query) of an URL that may be fetched, or FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(f"{url}: not a valid address ({error})") from None
    if parts.scheme not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        raise FetchError(f"{url}: only http and https addresses are fetched, not {scheme}")
    if not parts.hostname:
        raise FetchError(f"{url}: the address names no host")
    port = port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    return parts.scheme, parts.hostname, port, path + (f"?{parts.query}" if parts.query else "")


def _checked_address(url, host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{url}: the host name {host} does not resolve ({error})") from None
    addresses = [info[4][0] for info in infos]
    allow_private = _setting("SITREP_FETCH_ALLOW_PRIVATE", False)
    for address in addresses:
        reason = refused_reason(address)
        if reason and not (allow_private and reason in PRIVATE_REASONS):
            allowed = " (SITREP_FETCH_ALLOW_PRIVATE=1 allows loopback and private ones)" \
                if reason in PRIVATE_REASONS else ""
            raise FetchError(f"{url}: refused, {host} is {reason} ({address}); only public addresses are "
                             f"fetched{allowed}")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever a new DNS lookup would say."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    headers: dict = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self):
        match = re.search(r"charset=[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.IGNORECASE)
        return match.group(1).lower() if match else None


def _megabytes(size):
    return f"{size / 1_000_000:g} MB"


def fetch(url, headers=None):
    """GET `url` safely (see the module's docstring); returns Fetched whatever the HTTP status, or raises
    FetchError."""
    timeout = _setting("SITREP_FETCH_TIMEOUT", 20)
    limit = _setting("SITREP_FETCH_MAX_BYTES", 10_000_000)
    deadline = time.monotonic() + 3 * timeout
    first = url
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, target = _target(url)
        address = _checked_address(url, host, port)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout)
        try:
            connection.request("GET", target, headers={
                "User-Agent": USER_AGENT, "Accept-Encoding": "identity", **(headers or {})})
            response = connection.getresponse()
            response_headers = {name.lower(): value for name, value in response.getheaders()}
            if response.status in (301, 302, 303, 307, 308):
                location = response_headers.get("location")
                if not location:
                    raise FetchError(f"{url}: redirect ({response.status}) without a Location")
                url = urljoin(url, location)
                continue
            length = response_headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(f"{url}: the response is {_megabytes(int(length))}, more than the "
                                 f"{_megabytes(limit)} limit")
            chunks, size = [], 0
            while True:
                chunk = response.read1(65536) if response.status != 304 else b""
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url}: the response is larger than the {_megabytes(limit)} limit "
                                     f"(stopped reading)")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: the response took more than {3 * timeout} s")
                chunks.append(chunk)
            return Fetched(url, response.status, response_headers, b"".join(chunks))
        except (TimeoutError, socket.timeout):
            raise FetchError(f"{url}: no answer within {timeout} s") from None
        except ssl.SSLError as error:
            raise FetchError(f"{url}: secure connection failed ({error.reason or error})") from None
        except (OSError, http.client.HTTPException) as error:
            words = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise FetchError(f"{url}: the connection failed ({words})") from None
        finally:
            connection.close()
    raise FetchError(f"{first}: more than {MAX_REDIRECTS} redirects")


# --- reading feeds -------------------------------------------------------------------------------

class _TextParser(html.parser.HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
              "article", "ul", "ol", "table", "pre"}
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup):
    """The text of an HTML fragment (a feed item's content or summary), one paragraph a line."""
    parser = _TextParser()
    parser.feed(markup or "")
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class Entry:
    guid: str
    url: str = ""
    title: str = ""
    text: str = ""  # the full text when the item carries it
    summary: str = ""  # when it carries only this, the article page is fetched
    published_on: datetime.date | None = None
    publisher: str = ""


def _declared_encoding(fetched):
    if fetched.charset:
        return fetched.charset
    match = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([\w.:-]+)", fetched.body[:200])
    return match.group(1).decode("ascii").lower() if match else "utf-8"


def _looks_like_html(fetched):
    head = fetched.body[:512].lstrip().lower()
    return fetched.content_type in ("text/html", "application/xhtml+xml") and not head.startswith(b"<?xml") \
        or head.startswith((b"<!doctype html", b"<html"))


def read_rss(fetched):
    """(feed title, entries) of an RSS or Atom document, or FeedError saying why it cannot be read."""
    import feedparser

    if not fetched.body.strip():
        raise FeedError("the feed is empty")
    if _looks_like_html(fetched):
        raise FeedError("the address gives a web page (HTML), not an RSS or Atom feed")
    encoding = _declared_encoding(fetched)
    try:
        fetched.body.decode(encoding)
    except LookupError:
        raise FeedError(f"the feed declares an unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise FeedError(f"the feed is not valid {encoding} (byte {error.start}): its declared encoding is "
                        f"wrong") from None
    parsed = feedparser.parse(io.BytesIO(fetched.body),
                              response_headers={"content-type": fetched.headers.get("content-type", "")})
    if parsed.bozo and not isinstance(parsed.bozo_exception, (feedparser.CharacterEncodingOverride,
                                                              feedparser.NonXMLContentType)):
        raise FeedError(f"the feed is not well-formed XML ({parsed.bozo_exception}); nothing was imported")
    if not parsed.version and not parsed.entries:
        raise FeedError("the document is not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        url = (item.get("link") or "").strip()
        guid = (item.get("id") or url or "").strip()
        content = "\n".join(part.get("value", "") for part in item.get("content") or [])
        if not guid:
            guid = "sha256:" + hashlib.sha256(
                (item.get("title", "") + content + item.get("summary", "")).encode()).hexdigest()
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(
            guid=guid[:1000], url=url, title=html_to_text(item.get("title", "")), text=html_to_text(content),
            summary=html_to_text(item.get("summary", "")),
            published_on=datetime.date(*stamp[:3]) if stamp else None,
        ))
    return html_to_text(parsed.feed.get("title", "")), entries


def reliefweb_url(feed, since):
    """The API request for a ReliefWeb feed: its country's reports created since `since` (a date, so the
    address stays the same all day and conditional GET can answer 304)."""
    params = [("appname", _setting("SITREP_RELIEFWEB_APPNAME", "sitrep")), ("limit", "100"),
              ("sort[]", "date.created:desc"), ("filter[operator]", "AND"),
              ("filter[conditions][0][field]", "country.iso3"), ("filter[conditions][0][value]", feed.country),
              ("filter[conditions][1][field]", "date.created"),
              ("filter[conditions][1][value][from]", f"{since.isoformat()}T00:00:00+00:00")]
    params += [("fields[include][]", name) for name in RELIEFWEB_FIELDS]
    return f"{feed.url}{'&' if '?' in feed.url else '?'}{urlencode(params)}"


def read_reliefweb(fetched):
    """Entries of a ReliefWeb API answer, or FeedError with the API's own message."""
    try:
        data = json.loads(fetched.body.decode(fetched.charset or "utf-8"))
    except (UnicodeDecodeError, LookupError, json.JSONDecodeError) as error:
        if fetched.status >= 400:
            raise FeedError(f"ReliefWeb answered {fetched.status} "
                            f"{http.client.responses.get(fetched.status, '')}".rstrip()) from None
        raise FeedError(f"ReliefWeb answered something that is not JSON ({error})") from None
    if not isinstance(data, dict):
        raise FeedError("ReliefWeb answered JSON without a list of reports")
    if "error" in data or fetched.status >= 400:
        problem = data.get("error")
        message = problem.get("message") if isinstance(problem, dict) else problem
        raise FeedError(f"ReliefWeb answered an error ({data.get('status', fetched.status)}): "
                        f"{message or data.get('message') or 'no message'}")
    if not isinstance(data.get("data"), list):
        raise FeedError("ReliefWeb answered JSON without a list of reports (no 'data')")
    entries = []
    for row in data["data"]:
        fields = row.get("fields") or {} if isinstance(row, dict) else {}
        if not fields or row.get("id") is None:
            continue
        dates = fields.get("date") or {}
        stamp = dates.get("original") or dates.get("created") or ""
        try:
            published_on = datetime.date.fromisoformat(stamp[:10])
        except ValueError:
            published_on = None
        sources = fields.get("source") or []
        body = fields.get("body") or ""
        entries.append(Entry(
            guid=f"reliefweb:{row['id']}", url=fields.get("url_alias") or fields.get("url") or "",
            title=fields.get("title") or "", text=html_to_text(body) if "<" in body else body.strip(),
            published_on=published_on,
            publisher=sources[0].get("name", "") if sources and isinstance(sources[0], dict) else "",
        ))
    return entries


def article_text(url):
    """The main text of an article page (trafilatura), or FetchError."""
    import trafilatura

    fetched = fetch(url, {"Accept": "text/html,application/xhtml+xml"})
    if fetched.status != 200:
        raise FetchError(f"{url}: the article page answered {fetched.status}")
    text = trafilatura.extract(fetched.body, url=fetched.url, include_comments=False, include_tables=False)
    return (text or "").strip()


# --- polling -------------------------------------------------------------------------------------

def _fetch_feed(feed):
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    if feed.kind == Feed.Kind.RELIEFWEB:
        since = (feed.last_success_at or timezone.now() - datetime.timedelta(
            days=_setting("SITREP_RELIEFWEB_DAYS", 7))).date() - datetime.timedelta(days=1)
        fetched = fetch(reliefweb_url(feed, since), {"Accept": "application/json", **conditional})
        if fetched.status == 304:
            return fetched, None, []
        return fetched, None, read_reliefweb(fetched)
    fetched = fetch(feed.url, {"Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml",
                               **conditional})
    if fetched.status == 304:
        return fetched, None, []
    if fetched.status >= 400:
        raise FeedError(f"{fetched.url} answered {fetched.status} "
                        f"{http.client.responses.get(fetched.status, '')}".rstrip())
    title, entries = read_rss(fetched)
    return fetched, title, entries


def backoff(feed, failures):
    """When to try a failing feed again: its usual interval after one failure, then doubling each time."""
    delay = datetime.timedelta(minutes=feed.every_minutes) * 2 ** min(max(failures - 1, 0), 10)
    return min(delay, max(MAX_BACKOFF, datetime.timedelta(minutes=feed.every_minutes)))


@dataclass
class PollResult(ImportSummary):
    """An import's counters (read, created, unchanged, failed, errors, ...) and what the poll itself met."""

    not_modified: bool = False
    error: str = ""

    def as_dict(self):
        return asdict(self)


class _Importer:
    def __init__(self, feed, feed_title):
        self.feed = feed
        self.publisher = feed.source or (feed_title or None)
        self.gazetteer = None

    def take(self, entry):
        """'created' or 'unchanged'; raises FetchError or IngestError, leaving nothing behind."""
        if FeedItem.objects.filter(feed=self.feed, guid=entry.guid).exists():
            return "unchanged"
        same_url = Report.objects.filter(url=entry.url).first() if entry.url else None
        if same_url:
            self._remember(entry, same_url)
            return "unchanged"
        text = entry.text
        if not text and entry.url:
            text = article_text(entry.url)
        text = text or entry.summary
        if not text.strip():
            raise IngestError("the item has no text, and no article page to read it from")
        if self.gazetteer is None:
            self.gazetteer = gazetteer_from_places()
        with transaction.atomic():
            report, created = ingest_report(
                text=text, title=entry.title, published_on=entry.published_on, url=entry.url,
                publisher=self.feed.source or entry.publisher or self.publisher, gazetteer=self.gazetteer)
            self._remember(entry, report)
        return "created" if created else "unchanged"

    def _remember(self, entry, report):
        FeedItem.objects.get_or_create(feed=self.feed, guid=entry.guid, defaults={"report": report})


def poll_feed(feed_id):
    """Poll one feed now and import its new items; the feed records how it went. Safe to run twice at
    once: an item is one report whoever imports it."""
    result = PollResult()
    feed = Feed.objects.select_related("source").filter(pk=feed_id).first()
    if feed is None:  # deleted after its poll was enqueued
        result.error = f"feed {feed_id} no longer exists"
        return result
    started = timezone.now()
    try:
        fetched, title, entries = _fetch_feed(feed)
    except (FetchError, FeedError) as error:
        result.error = str(error)
        failures = feed.consecutive_failures + 1
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=started, last_error=result.error, consecutive_failures=F("consecutive_failures") + 1,
            next_poll_at=started + backoff(feed, failures))
        return result
    result.not_modified = fetched.status == 304
    importer = _Importer(feed, title)
    for entry in entries:
        result.read += 1
        try:
            outcome = importer.take(entry)
        except (FetchError, IngestError) as error:
            result.failed += 1
            result.errors.append(f"item {entry.url or entry.guid}: {error}")
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    changes = {"last_polled_at": started, "last_success_at": started, "consecutive_failures": 0,
               "items_imported": F("items_imported") + result.created,
               "last_error": (f"{result.failed} of {result.read} items not imported (tried again next time): "
                              + "; ".join(result.errors[:3])) if result.failed else "",
               "next_poll_at": started + datetime.timedelta(minutes=feed.every_minutes)}
    if not result.failed and not result.not_modified:
        # Remember the validators only when every item is in: otherwise a 304 would hide the failed ones.
        changes["etag"] = fetched.headers.get("etag", "")[:500]
        changes["last_modified"] = fetched.headers.get("last-modified", "")[:100]
    Feed.objects.filter(pk=feed.pk).update(**changes)
    return result


def add_feed(url, *, kind=Feed.Kind.RSS, source=None, every_minutes=15, country="SYR"):
    """A new feed (or the existing one with this address), polled at the scheduler's next pass."""
    if every_minutes < 1:
        raise ValueError("a feed is polled at most every minute (--every must be 1 or more)")
    _target(url)  # only http and https (the address itself is checked at each fetch)
    publisher = source_named(source) if source else None
    feed, _ = Feed.objects.get_or_create(
        url=url, kind=kind, country=country.upper(),
        defaults={"source": publisher, "every_minutes": every_minutes})
    return feed
