"""Lists the story cites: link lists that read like teasers but are the story's own.

A run of "label: <link>" lines is a related-stories list when it stands alone under the
story ("- Demenz: <a>Ab wann Gedächtnislücken …</a>", see `foreign`). The same shape is the
story's own when a sentence of the body introduces it and its links lead off the site: a
changelog's patches ("Many patches were sent for review:" then "- libgccjit: <a>Fix …</a>"
to the project's tracker), a report's sources. A site's related stories link to its own
pages (in the metadata development set: relative addresses or the site's host, also under a
lead-in sentence such as "Mehr zum Thema finden Sie auch im …:"), so both tests must hold.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from newsflow.extract.blocks import is_lead_in
from newsflow.extract.xpath import text_xpath
from newsflow.urls import site_domain

# The page's own address, as the page states it.
_OWN_ADDRESS = text_xpath(
    "(//link[contains(concat(' ', @rel, ' '), ' canonical ')]/@href"
    " | //meta[@property='og:url']/@content)[1]"
)


def spare_cited(
    tree: HtmlElement,
    lines: list[str],
    teasers: list[bool],
    element_of: Callable[[str], HtmlElement | None],
    url: str | None = None,
) -> list[bool]:
    """`teasers` (one flag a line of `lines`) with the runs the story cites cleared: a run
    whose line before is a lead-in of the body's own (not flagged, `blocks.is_lead_in`) and
    whose every line's element (`element_of`) holds links only to hosts other than the
    page's own (`url`, else its canonical or og:url address; without one, nothing is
    spared). Pure: returns a new list."""
    out = list(teasers)
    site: str | None = None
    i = 1
    while i < len(out):
        if not (out[i] and not out[i - 1] and is_lead_in(lines[i - 1])):
            i += 1
            continue
        end = i
        while end < len(out) and out[end]:
            end += 1
        if site is None:
            site = site_domain(url or _own_address(tree))
        if site and all(_links_off_site(element_of(line), site) for line in lines[i:end]):
            out[i:end] = [False] * (end - i)
        i = end
    return out


def _own_address(tree: HtmlElement) -> str:
    found = _OWN_ADDRESS(tree)
    return str(found[0]) if isinstance(found, list) and found else ""


def _links_off_site(element: HtmlElement | None, site: str) -> bool:
    """Whether `element` holds links and every one leads to another site's address."""
    if element is None:
        return False
    links = [a.get("href") or "" for a in element.iter("a")]
    return bool(links) and all(site_domain(href) not in ("", site) for href in links)
