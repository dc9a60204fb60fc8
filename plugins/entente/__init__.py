"""Entente: turn news into a queryable history of international cooperation."""

__version__ = "0.1.0"
