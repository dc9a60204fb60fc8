"""Reporting: what the published warehouse says, as files people open.

`stage.write_reports` is the reports stage (the `entente_reports` DAG and `entente run` call
it through entente.stages): one CSV per report view (`exports`), the PNG charts (`charts`), the
drill-down pages (`pages`: one per country pair and country, the event and report lists, built
from `evidence`) and `index.html` (`site`), all written atomically to the reports folder, with
`report.json` (`record`). Country names come from `names`, page locations from `paths`, HTML
from `render` (Jinja2, autoescaped).

This file imports nothing: the Airflow plugin reads `record` in every Airflow component and must
not pay for pandas and matplotlib there.
"""
