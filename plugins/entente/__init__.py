"""Entente: turn news into a queryable history of international cooperation."""

__version__ = "0.1.0"
# Stored on every extracted row; bump it when extraction changes, and backfill.
EXTRACTOR_VERSION = f"entente-{__version__}"
