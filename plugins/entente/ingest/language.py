"""Language of an article (py3langid, a pure-Python model shipped in its wheel).

The English pipeline reads only `language == 'en'`; an article is marked as another language
only when the detector is confident, so a short or mixed English text is never dropped.
"""
from __future__ import annotations

from functools import lru_cache

MIN_CONFIDENCE = 0.9
MIN_CHARACTERS = 40         # below this, detection is a guess: keep the default
SAMPLE_CHARACTERS = 4000    # the opening of a text is enough to tell its language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language; `default` when the text is too short or unclear."""
    sample = " ".join(text[:SAMPLE_CHARACTERS].split())
    if len(sample) < MIN_CHARACTERS:
        return default
    language, confidence = _identifier().classify(sample)
    if language == default or confidence < MIN_CONFIDENCE:
        return default
    return language
