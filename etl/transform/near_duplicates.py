"""Near-duplicate sketches: the same news retold by another agency, or re-filed under a new URL.

A story body becomes a set of word 3-shingles ("ministers met on", "met on
thursday", ...); a 128-permutation MinHash (datasketch) estimates the Jaccard
similarity of two such sets. Two stories are the same news when that estimate
is at least ``SIMILARITY_THRESHOLD``. To find candidates without comparing
every pair, the signature is cut into LSH bands (datasketch picks the band
count and width for ``LSH_THRESHOLD``); stories sharing any band key are
candidates, and the database keeps the keys in a GIN index.

Pure: text in, numbers out. The parameters are part of the stored data: a
change to any of them needs every story re-sketched (``SKETCH_VERSION``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

from datasketch import MinHash, MinHashLSH

# Bump when shingling or hashing changes: stored sketches of another version are recomputed.
SKETCH_VERSION: Final = 1
NUM_PERM: Final = 128
SEED: Final = 1
SCHEME: Final = "affine32"  # datasketch 2.x default, pinned: stored values must stay comparable
SHINGLE_WORDS: Final = 3
# Estimated Jaccard of word 3-shingles at or above which two bodies are one news item.
# On our fixtures (tests/fixtures/near_duplicates) an agency's own update scores
# 0.73-0.86, another agency's retelling 0.38-0.49, a different story on the same
# topic with the same people and places 0.00-0.05: 0.3 sits well inside that gap.
SIMILARITY_THRESHOLD: Final = 0.3
# Banding is tuned below the threshold (28 bands of 2 rows): a pair at 0.3 becomes a
# candidate with probability 0.93, at 0.4 with 0.99; candidates are then verified.
LSH_THRESHOLD: Final = 0.2

# Words: letters and digits in any script ("Lavrov", "Лавров", "2026").
WORD: Final = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sketch:
    """A body's MinHash signature and its LSH band keys, as the database stores them."""

    signature: tuple[int, ...]  # NUM_PERM values, as signed 32-bit integers
    band_keys: tuple[int, ...]  # one signed 64-bit key per band


def shingles(text: str) -> set[str]:
    """Overlapping word 3-grams of the normalised text; short texts fall back to words."""
    words = WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return set(words)
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def sketch(text: str) -> Sketch:
    """The sketch of one body; an empty body gets the empty-set signature (matches nothing)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in sorted(shingles(text))])
    values = [int(v) for v in minhash.hashvalues]
    signature = tuple(v - (1 << 32) if v >= 1 << 31 else v for v in values)
    return Sketch(signature, _band_keys(values) if text.strip() else ())


def similarity(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity: the share of signature positions that agree."""
    if not a.signature or len(a.signature) != len(b.signature):
        return 0.0
    return sum(x == y for x, y in zip(a.signature, b.signature, strict=True)) / len(a.signature)


@cache
def bands() -> tuple[int, int]:
    """(band count, rows per band) that datasketch's LSH chooses for ``LSH_THRESHOLD``."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def _band_keys(values: list[int]) -> tuple[int, ...]:
    count, rows = bands()
    keys = []
    for band in range(count):
        chunk = values[band * rows : (band + 1) * rows]
        payload = f"{SKETCH_VERSION}:{band}:" + ",".join(map(str, chunk))
        digest = hashlib.blake2b(payload.encode("ascii"), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return tuple(keys)


@dataclass(frozen=True)
class ClusterAssignment:
    """What to write back: each sketched story's cluster, and clusters absorbed by another."""

    stories: dict[int, int]
    relabel: dict[int, int]  # old cluster id -> the cluster id it merged into


def connected_clusters(
    edges: Iterable[tuple[int, int]], current: Mapping[int, int | None]
) -> ClusterAssignment:
    """Cluster ids after linking ``edges``: each component takes the smallest id it holds.

    ``current`` maps every story on an edge, and every story just sketched,
    to its cluster id (None: not clustered yet; its own story id stands in).
    Whole clusters merge when one of their stories links them; they never
    split, so a story whose new text matches nothing keeps its cluster.
    """
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = parent.setdefault(node, node)
        while root != parent[root]:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    def label(story: int) -> int:
        cluster = current.get(story)
        return story if cluster is None else cluster

    for a, b in edges:
        root_a, root_b = find(label(a)), find(label(b))
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    relabel = {
        cluster: find(cluster)
        for cluster in {c for c in current.values() if c is not None}
        if find(cluster) != cluster
    }
    return ClusterAssignment({story: find(label(story)) for story in current}, relabel)
