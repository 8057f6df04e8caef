"""A real HTTP server on 127.0.0.1 for the feed tests: each path answers what a test put there, and the
server counts requests and body bytes sent per path."""

import http.server
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0  # seconds before answering (a server that never answers in time)
    stream_bytes: int = 0  # a body of this many bytes, streamed without Content-Length


class FeedServer:
    def __init__(self):
        self.routes, self.requests, self.bytes_sent, self.seen_headers = {}, Counter(), Counter(), {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0]
                server.requests[path] += 1
                server.seen_headers[path] = (self.path, dict(self.headers))
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    self.wfile.write(b"<html><body>Not found</body></html>")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag or \
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.stream_bytes:
                    self.end_headers()
                    chunk = b"<rss>" + b"x" * 65531
                    try:
                        for _ in range(route.stream_bytes // len(chunk)):
                            self.wfile.write(chunk)
                            server.bytes_sent[path] += len(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    return
                server.bytes_sent[path] += len(route.body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, path, body=b"", **fields):
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **fields)
        return self.base + path

    def reset(self):
        self.routes.clear()
        self.requests.clear()
        self.bytes_sent.clear()
        self.seen_headers.clear()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def _feed_server():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def feed_server(_feed_server, settings):
    """The server, emptied; fetching 127.0.0.1 allowed and feed polls run inline (the tasks' own backend
    is tested with real workers elsewhere)."""
    settings.SITREP_FETCH_ALLOW_PRIVATE = True
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _feed_server.reset()
    yield _feed_server
    _feed_server.reset()


def rss(*items, title="Aleppo News"):
    """An RSS 2.0 document; items are dicts with guid, link, title, description, content, date."""
    parts = []
    for item in items:
        parts.append("<item>" + "".join([
            f"<title>{item['title']}</title>" if "title" in item else "",
            f"<link>{item['link']}</link>" if "link" in item else "",
            f"<guid>{item['guid']}</guid>" if "guid" in item else "",
            f"<pubDate>{item.get('date', 'Tue, 10 Nov 2026 08:00:00 GMT')}</pubDate>",
            f"<description><![CDATA[{item['description']}]]></description>" if "description" in item else "",
            f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>" if "content" in item else "",
        ]) + "</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>http://example.org/</link><description>News</description>"
            + "".join(parts) + "</channel></rss>")


def atom(*entries, title="Idleb Monitor"):
    parts = []
    for entry in entries:
        parts.append(
            f"<entry><id>{entry['guid']}</id><title>{entry['title']}</title>"
            f"<link href=\"{entry.get('link', '')}\"/><updated>2026-11-10T08:00:00Z</updated>"
            + (f"<content type=\"html\"><![CDATA[{entry['content']}]]></content>" if "content" in entry else "")
            + (f"<summary>{entry['summary']}</summary>" if "summary" in entry else "")
            + "</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:test:feed</id><updated>2026-11-10T08:00:00Z</updated>"
            + "".join(parts) + "</feed>")


def article_page(headline, paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{headline}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{headline}</h1>{body}</article>"
            "<footer>Copyright Aleppo News. All rights reserved.</footer></body></html>")
