"""The console: one static page (HTML, CSS and plain JavaScript in this package, no build step,
nothing from a CDN) over the public query API, served at `GET /console`."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

_MARKERS = {"/* console.css */": "console.css", "/* console.js */": "console.js"}


@lru_cache(maxsize=1)
def console_page() -> str:
    """The page with its stylesheet and script inlined: one response, one route, and the
    same bytes locally and behind API Gateway (UTF-8 text, about 20 KB)."""
    package = files(__package__)
    page = package.joinpath("console.html").read_text(encoding="utf-8")
    for marker, name in _MARKERS.items():
        page = page.replace(marker, package.joinpath(name).read_text(encoding="utf-8"), 1)
    return page
