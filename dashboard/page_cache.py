"""The pages' data cached per filter in the shared cache (settings.CACHES: the database cache table, or Redis
with REDIS_URL), so that every gunicorn worker and every machine reads what one of them computed.

An entry's key holds the page, a hash of its query (the parameters sorted, empty ones dropped), today's
date (the pages clamp their periods to today) and the data's *generation*: a random token in the cache that
every write replaces (`invalidate()`, called by `summaries.stored.mark_days`, the one function every write's
day marks pass through: README "Where the marking lives").
An entry computed before a write is then never read again, on any worker; it expires on its own later.

A write replaces the token once, after its transaction commits (at once in autocommit): a page computed
before that, from the data before the commit, was stored under the old token and is never read. Until the
commit, the writing transaction itself (which sees its own writes) neither reads nor fills the cache. A new
token rather than an increment: the database cache's `incr` is a read and a write, and two writes could then
leave the same number twice; and no cache row is written (nor locked) inside the writer's transaction.

When the cache does not answer (Redis down, a broken entry), the page is computed and served all the same;
the failure is logged. When the token itself is lost (evicted, flushed), the next read makes a new one: the
entries made under the old one are not read again."""

import hashlib
import logging
import uuid
from datetime import date

from django.core.cache import cache
from django.db import connection, transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "dashboard:pages:generation"
TIMEOUT = 24 * 3600  # seconds an entry is kept when no write replaces it sooner


PENDING = "sitrep_page_cache_pending"  # on the connection: it wrote, and has not committed yet


def invalidate():
    """Every page's cached data is out of date: a write changed what the pages show (one cache write after
    the writer's transaction commits, however many times it is called in that transaction)."""
    if not connection.in_atomic_block:
        _new_generation()
        return
    setattr(connection, PENDING, True)
    transaction.on_commit(_committed, robust=True)


def _committed():
    if getattr(connection, PENDING, False):  # the first of this transaction's callbacks
        setattr(connection, PENDING, False)
        _new_generation()


def _new_generation():
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache backend's own errors (a Redis ConnectionError, a database error) vary
        logger.exception("The page cache could not be invalidated: pages may show data before this write "
                         "until the cache is cleared (manage.py shell -c 'from django.core.cache import cache; "
                         "cache.clear()').")


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def query_key(params, ignore=()):
    """The query's parameters in one order, without empty values (a hash of them goes in the key)."""
    pairs = sorted((name, value.strip()) for name, values in params.lists() if name not in ignore
                   for value in values if value.strip())
    # An empty date_after means "all dates" (views.all_dates), not "the default period": keep it.
    if params.get("date_after", None) == "" and "date_after" not in ignore:
        pairs.append(("date_after", ""))
    return pairs


def cached(page, params, compute, ignore=()):
    """`compute()`'s value for this page and query, from the shared cache when a worker already computed it
    since the last write, else computed now and stored. `ignore`: parameters that do not change the data."""
    if getattr(connection, PENDING, False):
        if connection.in_atomic_block:
            return compute()  # this transaction's own writes are not the shared data yet
        setattr(connection, PENDING, False)  # left by a transaction that rolled back
    pairs = query_key(params, ignore)
    digest = hashlib.sha256(repr((page, pairs, date.today().isoformat())).encode()).hexdigest()
    try:
        key = f"dashboard:pages:{_generation()}:{digest}"
        value = cache.get(key)
    except Exception:
        logger.exception("The page cache did not answer; the page is computed without it.")
        return compute()
    if value is not None:
        return value
    value = compute()
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:
        logger.exception("The page cache could not store %s; the page was served all the same.", page)
    return value


def _report_or_source_changed(sender, **kwargs):
    invalidate()


def connect():
    """The writes that mark no day but change the pages: a report (its title and date in the lists, a report
    without figures in the reports list) or a source (its name) saved or deleted. Every write of figures
    marks its days through summaries.stored.mark_days, which invalidates."""
    from django.db.models.signals import post_delete, post_save

    from reports.models import Report, Source

    for model in (Report, Source):
        post_save.connect(_report_or_source_changed, sender=model,
                          dispatch_uid=f"sitrep_page_cache_{model.__name__}_saved")
        post_delete.connect(_report_or_source_changed, sender=model,
                            dispatch_uid=f"sitrep_page_cache_{model.__name__}_deleted")
