"""The shell every self-contained HTML report shares: one Jinja environment over the templates
folder, autoescaping everything, and a page that allows only its own inline styles (no scripts,
no fetches), so a report opened from disk or mailed on runs nothing."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ title }}</title>
<style>body { margin: 0; padding: 1.5rem; background: #fff; }
{{ css }}</style>
</head>
<body>
{{ section }}
</body>
</html>
"""


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def stylesheet(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def page(title: str, css: str, section: str) -> str:
    """A whole report page around an already rendered (escaped) ``section``."""
    from markupsafe import Markup

    return (
        environment()
        .from_string(_PAGE)
        .render(title=title, css=Markup(css), section=Markup(section))
    )
