"""The gold-data scripts (scripts/gold_corpus.py, gold_countries.py, gold_sample.py,
gold_sample_interstate.py, score_gold.py) as modules."""
from __future__ import annotations

import sys

from locations import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))

import gold_corpus  # noqa: E402
import gold_countries  # noqa: E402
import gold_sample  # noqa: E402
import gold_sample_interstate  # noqa: E402
import score_gold  # noqa: E402

__all__ = ["gold_corpus", "gold_countries", "gold_sample", "gold_sample_interstate", "score_gold"]
