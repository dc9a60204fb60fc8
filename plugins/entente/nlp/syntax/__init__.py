"""Selective syntax: tag and parse only the sentences that may hold an event or a date
(the `entente_syntax` component; `inflection` gives the lemmas a word form may have)."""
