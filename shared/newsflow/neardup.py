"""Near-duplicate signatures of article bodies: MinHash over word shingles, LSH band keys, and
the story decision (pure: no I/O; storage and use case in services/story_grouping.py).

A copy of a wire story on another site differs in its template leftovers, byline, trimmed lead
or tail and inserted paragraphs; its words in order mostly do not. The body is normalised
(NFKC, case-folded, words only), cut into overlapping shingles of SHINGLE_WORDS words, and
summarised by a MinHash of NUM_PERM 32-bit values: the share of equal values between two
signatures estimates the Jaccard similarity of their shingle sets (Broder 1997).

The MinHash is datasketch's "affine32" scheme (datasketch 2.x: SHA-1 32-bit shingle hashes,
the MurmurHash3 finalizer, then h -> a*h + b mod 2^32 with odd `a` drawn from
numpy.random.RandomState(SEED)), written here in numpy because the datasketch package imports
scipy, which would take the Lambda layer past its 250 MB limit (scipy alone is 145 MB
unpacked) and most of a cold start (docs/stories.md). tests/unit/test_neardup.py checks that
every signature equals datasketch's value for value.

LSH splits a signature into BANDS bands of ROWS values; two bodies share at least one band
with probability 1 - (1 - s^ROWS)^BANDS, which finds pairs at the threshold with near
certainty (docs/stories.md has the curve and the measurement).
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import numpy as np

# Measured on the story collection (docs/stories.md): every threshold from 0.15 to 0.30 groups
# it without an error; copies stay above ~0.33 even when one is cut to its first half and
# another lost its lead, different stories of the same topic, day and people below ~0.10.
# 0.25 sits in that range with the LSH still finding 99% of pairs at the threshold itself.
SHINGLE_WORDS = 5
JACCARD_THRESHOLD = 0.25
NUM_PERM = 128
# The first BANDS values, one a band: a pair at the threshold shares one with probability 0.99,
# and a new story writes BANDS band items (each a transactional write: 2 write units).
BANDS = 16
ROWS = 1
SEED = 16
# A body with fewer words is not grouped: a teaser or a caption says too little to tell a
# copy from a story on the same subject.
MIN_WORDS = 40
# Candidates read per article: the stories sharing the most bands (BatchGetItem takes 100).
MAX_CANDIDATES = 32
_WORD = re.compile(r"\w+")
_SIGNATURE_DTYPE = np.dtype(">u4")


class SignatureError(ValueError):
    """Bytes that are not a signature of this module's layout."""


@dataclass(frozen=True)
class Signature:
    """A body's MinHash: NUM_PERM unsigned 32-bit values."""

    values: np.ndarray

    def to_bytes(self) -> bytes:
        """Big-endian, 4 bytes a value (NUM_PERM * 4 = 512 bytes), as the table stores it."""
        return self.values.astype(_SIGNATURE_DTYPE).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """The inverse of `to_bytes`; SignatureError on any other length."""
        if len(data) != NUM_PERM * _SIGNATURE_DTYPE.itemsize:
            raise SignatureError(f"a signature has {NUM_PERM * 4} bytes, not {len(data)}")
        return cls(np.frombuffer(data, dtype=_SIGNATURE_DTYPE).astype(np.uint32))


def words(text: str) -> list[str]:
    """The body's words: NFKC-normalised, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    """Every run of `size` consecutive words, UTF-8 encoded (empty when fewer words)."""
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM affine permutations (a odd, b) of SEED, drawn as datasketch draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads every input bit)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = values ^ (values >> np.uint32(16))
    return mixed


def _sha1_32(data: bytes) -> int:
    """The first 4 bytes of SHA-1, little-endian (datasketch's sha1_hash32)."""
    value: int = struct.unpack("<I", hashlib.sha1(data).digest()[:4])[0]  # noqa: S324 (not security)
    return value


def signature(text: str) -> Signature | None:
    """The MinHash of a body's shingles; None below MIN_WORDS words (not grouped)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    hashed = np.fromiter(map(_sha1_32, shingles(tokens)), dtype=np.uint32).reshape(-1, 1)
    a, b = _permutations()
    permuted = _fmix32(hashed) * a + b  # wraps modulo 2^32, as intended
    return Signature(permuted.min(axis=0).astype(np.uint32))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two bodies' shingle sets: the share of equal
    values (datasketch's MinHash.jaccard), 0.0 to 1.0."""
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def band_keys(sig: Signature) -> list[str]:
    """One key per LSH band: the band's number and a 64-bit digest of its ROWS values."""
    raw = sig.to_bytes()
    width = ROWS * _SIGNATURE_DTYPE.itemsize
    digests = (
        hashlib.blake2b(raw[band * width : (band + 1) * width], digest_size=8).hexdigest()
        for band in range(BANDS)
    )
    return [f"{band:02d}#{digest}" for band, digest in enumerate(digests)]


def candidate_probability(jaccard: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Chance that two bodies of this Jaccard similarity share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


@dataclass(frozen=True)
class StoryRoot:
    """A story as grouping compares with it: its first copy's signature and listed time."""

    story_id: str
    signature: Signature
    first_at: datetime


@dataclass(frozen=True)
class Match:
    """The story an article joins and its estimated Jaccard with that story's first copy."""

    story_id: str
    similarity: float


def rank_candidates(band_stories: Iterable[Sequence[str]], exclude: str | None) -> list[str]:
    """Story ids found in the article's bands, most shared bands first (ties by id), at most
    MAX_CANDIDATES: sharing more bands means a higher similarity."""
    counts: dict[str, int] = {}
    for stories in band_stories:
        for story_id in stories:
            if story_id != exclude:
                counts[story_id] = counts.get(story_id, 0) + 1
    ranked = sorted(counts, key=lambda story_id: (-counts[story_id], story_id))
    return ranked[:MAX_CANDIDATES]


def choose_story(
    sig: Signature, roots: Iterable[StoryRoot], threshold: float = JACCARD_THRESHOLD
) -> Match | None:
    """The earliest story (first copy's time, then id) whose first copy is at least
    `threshold` similar; None when none is (the article starts a story). The same inputs give
    the same answer whatever order they come in."""
    matches = [
        (root.first_at, root.story_id, score)
        for root in roots
        if (score := similarity(sig, root.signature)) >= threshold
    ]
    if not matches:
        return None
    _, story_id, score = min(matches)
    return Match(story_id, score)
