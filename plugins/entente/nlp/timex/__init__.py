"""TIMEX3: temporal expressions found and normalized (the `entente_timex` component).

`grammar` finds candidates, `filter` rejects non-temporal ones, `normalize`, `relative` and
`duration` give values, `tense` reads the clause, `values` is the calendar arithmetic and
`timex3` the value grammar every stored value must match. See docs/timex.md.
"""
