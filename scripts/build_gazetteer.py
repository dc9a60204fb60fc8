"""Regenerate data/gazetteer/countries.tsv from pycountry (ISO 3166-1).

The TSV is the generated base of the country gazetteer: one row per ISO 3166-1 country with the
names ISO publishes. Everything curated by hand (short forms, demonyms, capitals, seats of
government, places, ambiguity notes) lives in countries.yml, which the loader merges on top.

    .venv/bin/python scripts/build_gazetteer.py      # rewrites data/gazetteer/countries.tsv
"""
from __future__ import annotations

import csv
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "countries.tsv"
COLUMNS = ("alpha_3", "alpha_2", "numeric", "name", "common_name", "official_name")


def main() -> None:
    rows = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for c in rows:
            writer.writerow([getattr(c, col, "") or "" for col in COLUMNS])
    print(f"wrote {len(rows)} countries to {OUT} (pycountry {pycountry.__version__})")


if __name__ == "__main__":
    main()
