"""The TIMEX3 value grammar (TimeML 1.2.1 / ISO-TimeML, the subset TempEval-3 uses), as one regex.

Used to screen extracted timexes before they are loaded (a malformed value is an NLP bug: the row
is dropped and quarantined, never published) and by the property tests of the annotator.
"""
from __future__ import annotations

import re

_NUM = r"(?:\d+(?:\.\d+)?|X+)"
_DAYPART = r"(?:MO|AF|EV|NI|DT|MI)"
_YEAR = r"(?:\d{4}|\d{3}X?|\d{2}X{0,2}|XXXX|XXX|XX|BC\d{4})"   # 1990, 199, 199X, 19, 19XX
_CLOCK = (rf"(?:T(?:\d{{2}}(?::\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?|{_DAYPART})"
          rf"(?:Z|[+-]\d{{2}}(?::?\d{{2}})?)?)")
_DATE = (rf"{_YEAR}(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
         rf"|Q[1-4X]|H[12X]|(?:SP|SU|FA|WI)|W(?:0?[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?))?"
         rf"{_CLOCK}?")
_DURATION = (rf"P(?:(?:{_NUM}(?:Y|M|W|D|DE|CE|ML|Q|H|WE|L|C|E|X))+(?:T(?:{_NUM}(?:H|M|S|{_DAYPART}))+)?"
             rf"|T(?:{_NUM}(?:H|M|S|{_DAYPART}))+)")
TIMEX3_VALUE = re.compile(rf"^(?:{_DATE}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF|{_CLOCK})$")
TIMEX3_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


def valid_value(value) -> bool:
    return isinstance(value, str) and TIMEX3_VALUE.match(value) is not None
