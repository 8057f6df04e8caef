"""Feed polls as background tasks (Django's tasks framework): thin wrappers around reports.feeds."""

import datetime

from django.tasks import task
from django.utils import timezone

from . import feeds
from .models import Feed


@task
def poll_feed(feed_id):
    """Poll one feed; returns what it read, created and why it failed (JSON for the task's result)."""
    return feeds.poll_feed(feed_id).as_dict()


def enqueue_due_polls(*, everything=False, now=None):
    """Enqueue a poll of every feed that is due (or of every active feed); returns how many.

    Each feed is claimed by moving its next poll time forward in one conditional UPDATE, so two
    schedulers running by mistake, or a scheduler and `poll_feeds`, never enqueue the same poll twice.
    """
    now = now or timezone.now()
    candidates = Feed.objects.filter(active=True) if everything else Feed.objects.due(now)
    enqueued = 0
    for feed_id, next_poll_at, every in candidates.values_list("pk", "next_poll_at", "every_minutes"):
        claimed = Feed.objects.filter(pk=feed_id, next_poll_at=next_poll_at).update(
            next_poll_at=now + datetime.timedelta(minutes=every))
        if claimed:
            poll_feed.enqueue(feed_id)
            enqueued += 1
    return enqueued
