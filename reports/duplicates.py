"""Near-duplicate reports: the same wire story in several outlets, with another headline and small edits.

A report's text becomes a set of five-word shingles; a MinHash signature of that set is cut into bands,
and each band is stored as one indexed key (NearDuplicateKey). Reports sharing a key are candidates
(locality-sensitive hashing), so an import compares a new report with a handful of candidates, never
with every body in the database. Candidates are then checked exactly: shingle-set Jaccard similarity,
or containment, so that a copy trimmed by one outlet (the first paragraphs of the wire story) still
counts.

With 20 bands of 3 hashes, two texts of Jaccard similarity 0.5 become candidates 93% of the time,
0.7 essentially always, 0.2 about 15% of the time (and are then rejected by the exact check).
"""

import hashlib
import re
import struct

from django.db import transaction

from .models import NearDuplicateKey, Report

SHINGLE_WORDS = 5
BANDS = 20
ROWS_PER_BAND = 3
# Exact check on the candidates.
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 20
MAX_CANDIDATES = 10

_HASHES = BANDS * ROWS_PER_BAND
_UNPACK = struct.Struct(f"<{_HASHES}I").unpack
_WORD = re.compile(r"\w+")


def shingles(text):
    """The set of five-word shingles of a text, case and punctuation ignored."""
    words = _WORD.findall((text or "").lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def band_keys(shingle_set):
    """The LSH band keys of a shingle set: BANDS signed 64-bit integers (they fit a BigIntegerField).

    Each shingle gets 60 independent 32-bit hashes from one SHAKE-128 digest (fixed, so stored keys
    stay valid across processes and releases); the signature is their column-wise minimum.
    """
    if not shingle_set:
        return []
    rows = [_UNPACK(hashlib.shake_128(s.encode("utf-8")).digest(_HASHES * 4)) for s in shingle_set]
    signature = [min(column) for column in zip(*rows)]
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(repr((band, values)).encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a, b):
    """(Jaccard, containment of the smaller set in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


def is_near_duplicate(a, b):
    jaccard, containment = similarity(a, b)
    if jaccard >= MIN_JACCARD:
        return True
    return containment >= MIN_CONTAINMENT and min(len(a), len(b)) >= MIN_SHINGLES_FOR_CONTAINMENT


def find_near_duplicate(report, shingle_set=None, keys=None, *, earlier_only=False):
    """The existing report this one nearly repeats (the original, when the match is itself a copy), or None.
    `earlier_only`: only reports stored before it (lower id), as a one-at-a-time import would have seen."""
    shingle_set = shingles(report.body) if shingle_set is None else shingle_set
    keys = band_keys(shingle_set) if keys is None else keys
    if not keys:
        return None
    shared = {}
    candidates = NearDuplicateKey.objects.filter(key__in=keys).exclude(report_id=report.pk)
    if earlier_only:
        candidates = candidates.filter(report_id__lt=report.pk)
    for report_id in candidates.values_list("report_id", flat=True):
        shared[report_id] = shared.get(report_id, 0) + 1
    best, best_score = None, 0.0
    # Most shared bands first: those are the likeliest matches; the exact check decides.
    ranked = sorted(shared, key=lambda rid: (-shared[rid], rid))[:MAX_CANDIDATES]
    for candidate in Report.objects.filter(pk__in=ranked).only("id", "body", "duplicate_of_id"):
        other = shingles(candidate.body)
        if is_near_duplicate(shingle_set, other):
            score = max(similarity(shingle_set, other))
            if score > best_score or (score == best_score and candidate.pk < best.pk):
                best, best_score = candidate, score
    if best is None:
        return None
    if best.duplicate_of_id:
        return Report.objects.filter(pk=best.duplicate_of_id).first() or best
    return best


@transaction.atomic
def flag_near_duplicate(report, *, new_report=False):
    """Index a newly saved report and flag it as a suspected duplicate of the report it nearly repeats.

    Returns the original it was flagged against, or None. A reviewer confirms or dismisses the flag.
    """
    shingle_set = shingles(report.body)
    keys = band_keys(shingle_set)
    original = find_near_duplicate(report, shingle_set, keys)
    if not new_report:
        NearDuplicateKey.objects.filter(report=report).delete()
    NearDuplicateKey.objects.bulk_create(NearDuplicateKey(report=report, key=key) for key in set(keys))
    if original is not None and report.duplicate_status == Report.Duplicate.NONE:
        report.duplicate_of = original
        report.duplicate_status = Report.Duplicate.SUSPECTED
        report.save(update_fields=["duplicate_of", "duplicate_status", "modified"])
        return original
    return None
