"""The report's HTML: Jinja2 templates (reporting/templates/) rendered with autoescaping, so
everything taken from the warehouse (titles, sentences, names, messages) is escaped."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from entente.reporting import paths

TEMPLATES = Environment(loader=PackageLoader("entente.reporting", "templates"),
                        autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                        trim_blocks=True, lstrip_blocks=True)


def render(template: str, page: str, **context) -> str:
    """Render `template` as the page at `page` (a path relative to the reports folder); the
    template's `link(target)` makes relative links from that page."""
    return TEMPLATES.get_template(template).render(
        page=page, link=lambda target: paths.relative(target, page), **context)
