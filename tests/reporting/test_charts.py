"""Charts that show every series: ties stay visible, the balance chart shows both kinds, and
countries are named as of their events' dates. Drawn from frames, no warehouse needed."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from entente.reporting.charts import balance_figure, tie_offsets, top_dyads_figure
from entente.reporting.names import CountryNames, NamePeriod

NAMES = CountryNames(
    current={"DEU": "Germany", "FRA": "France", "GBR": "United Kingdom", "RUS": "Russia",
             "USA": "United States"},
    periods={"DEU": [NamePeriod("West Germany", date(1949, 5, 23), date(1990, 10, 2))]},
    states={"SUN": "Soviet Union", "DDR": "East Germany"})


@pytest.mark.parametrize("series, expected", [
    ({"a": [1, 2], "b": [3, 4]}, {"a": 0, "b": 0}),                      # no tie: no offset
    ({"a": [1, 2], "b": [1, 2]}, {"a": -0.06, "b": 0.06}),               # a pair of equals
    ({"a": [1], "b": [1], "c": [1]}, {"a": -0.12, "b": 0.0, "c": 0.12}),  # three equals
    ({"a": [1], "b": [1], "c": [2]}, {"a": -0.06, "b": 0.06, "c": 0}),    # equals and one apart
])
def test_tie_offsets_spread_equal_series_only(series, expected):
    assert tie_offsets(series) == pytest.approx(expected)


def yearly(rows):
    return pd.DataFrame(rows, columns=["period", "country_a", "country_b", "events"])


def test_three_tied_pairs_all_stay_visible():
    """The issue's top-pairs chart: three pairs with the same yearly counts drew on top of
    each other; now each line has its own values, style and marker, and a legend entry."""
    dyads = yearly([(2001, a, b, 1) for a, b in (("FRA", "GBR"), ("FRA", "RUS"), ("GBR", "USA"))]
                   + [(2003, a, b, 2) for a, b in (("FRA", "GBR"), ("FRA", "RUS"), ("GBR", "USA"))]
                   + [(2002, "RUS", "USA", 5)])
    top = [("RUS", "USA", 5), ("FRA", "GBR", 3), ("FRA", "RUS", 3), ("GBR", "USA", 3)]
    fig = top_dyads_figure(dyads, top, NAMES)
    lines = fig.axes[0].get_lines()
    assert len(lines) == 4
    drawn = [tuple(line.get_ydata()) for line in lines]
    assert len(set(drawn)) == 4                                   # no line hides another
    styles = {(line.get_linestyle(), line.get_marker()) for line in lines}
    assert len(styles) == 4
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Russia – United States (5)", "France – United Kingdom (3)",
                      "France – Russia (3)", "United Kingdom – United States (3)"]
    for line, true in zip(lines[1:], [(1, 1, 3), (1, 1, 3), (1, 1, 3)]):   # off by < 0.2 only
        assert max(abs(y - t) for y, t in zip(line.get_ydata(), true)) < 0.2


def test_the_balance_chart_draws_cooperation_right_and_conflict_left():
    top = pd.DataFrame([("DDR", "DEU", 1, 4, date(1985, 1, 1), date(1989, 5, 30)),
                        ("RUS", "USA", 6, 2, date(2009, 1, 1), date(2010, 4, 8))],
                       columns=["country_a", "country_b", "cooperation_events",
                                "conflict_events", "first_date", "last_date"])
    ax = balance_figure(top, NAMES).axes[0]
    widths = sorted(round(bar.get_width()) for bar in ax.patches)
    assert widths == [-4, -2, 1, 6]
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())),
                   reverse=True)                                  # top to bottom: as ranked
    assert [label for _, label in ticks] == ["East Germany – West Germany",
                                             "Russia – United States"]


@pytest.mark.parametrize("code, on, expected", [
    ("SUN", date(1985, 1, 1), "Soviet Union"),
    ("SUN", None, "Soviet Union"),                    # a historical code keeps its name
    ("DDR", date(1989, 11, 9), "East Germany"),
    ("DEU", date(1989, 11, 9), "West Germany"),       # before reunification
    ("DEU", date(1990, 10, 2), "West Germany"),       # its last day
    ("DEU", date(1990, 10, 3), "Germany"),
    ("DEU", None, "Germany"),
    ("RUS", date(1985, 1, 1), "Russia"),              # the code, not the state of the time
    ("XKX", date(2010, 1, 1), "XKX"),                 # unknown: the code itself
    ("DEU", pd.Timestamp("1989-05-30"), "West Germany"),   # what pandas hands over
])
def test_country_names_by_date(code, on, expected):
    assert NAMES.name(code, on) == expected


@pytest.mark.parametrize("code, first, last, expected", [
    ("DEU", date(1985, 1, 1), date(1989, 12, 31), "West Germany"),
    ("DEU", date(1989, 1, 1), date(1991, 12, 31), "Germany (West Germany to 1990)"),
    ("DEU", date(1995, 1, 1), date(2001, 12, 31), "Germany"),
    ("SUN", date(1985, 1, 1), date(1995, 1, 1), "Soviet Union"),
])
def test_country_names_over_a_span(code, first, last, expected):
    assert NAMES.span(code, first, last) == expected
