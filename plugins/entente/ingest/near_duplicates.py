"""Near-duplicate stories across outlets (MinHash + LSH), the third level of deduplication.

(The first two: the canonical URL, sources/urls.py, skips a feed item already stored before its
page is fetched; the content hash makes the same text reached by two links one article.)
A syndicated copy with another headline, byline or footer is found by MinHash over word
4-shingles, candidates from an LSH index, kept when the estimated Jaccard similarity is at least
`THRESHOLD`. The copy is stored (it is what that outlet printed) and linked to the first-seen
article in `article_duplicates`, so views count the story once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 64
# datasketch >= 2.0 has several permutation schemes and refuses to rebuild a MinHash from stored
# hash values without being told which one made them: ours are "affine32" (stored as <u8).
SCHEME = "affine32"
THRESHOLD = 0.7         # Jaccard of 4-shingle sets: syndicated copies score 0.8-1.0
SHINGLE = 4
MIN_SHINGLES = 30       # too short to call two texts the same story


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    tokens = re.findall(r"\w+", text.casefold())
    return {" ".join(tokens[i:i + n]).encode("utf-8") for i in range(len(tokens) - n + 1)}


def signature(text: str):
    """MinHash of the text's 4-shingles; None when the text is too short to compare."""
    from datasketch import MinHash      # (imports SciPy, 0.7 s: only a run with new articles)

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash


def signature_bytes(minhash) -> bytes | None:
    return None if minhash is None else minhash.hashvalues.astype("<u8").tobytes()


def signature_from_bytes(data: bytes):
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u8").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME)


@dataclass
class DuplicateLink:
    article_id: str
    duplicate_of: str
    similarity: float
    method: str = "minhash"


class NearDuplicateIndex:
    """Articles seen so far (published, staged, this run); `add` links a new one to the first
    article it nearly duplicates, following links so every copy points at the original."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, object] = {}
        self._original: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add_known(self, article_id: str, minhash, duplicate_of: str | None = None) -> None:
        if minhash is None or article_id in self._signatures:
            return
        self._signatures[article_id] = minhash
        self._lsh.insert(article_id, minhash)
        if duplicate_of:
            self._original[article_id] = duplicate_of

    def add(self, article_id: str, minhash) -> DuplicateLink | None:
        """Index a new article; the link to what it duplicates, if anything."""
        if minhash is None or article_id in self._signatures:
            return None
        best, best_score = None, 0.0
        for candidate in self._lsh.query(minhash):
            score = float(minhash.jaccard(self._signatures[candidate]))
            if score >= self.threshold and (score > best_score
                                            or (score == best_score and candidate < best)):
                best, best_score = candidate, score
        self.add_known(article_id, minhash)
        if best is None:
            return None
        original = self._original.get(best, best)
        self._original[article_id] = original
        return DuplicateLink(article_id, original, round(best_score, 4))
