"""Use signals of a page and its response headers to a `Rights` record (pure, no I/O).

Directive syntax follows Google's robots meta / X-Robots-Tag specification (comma-separated
tokens, an optional `agent:` prefix scoping the tokens after it); the TDM fields follow the
W3C TDMRep final report (https://www.w3.org/community/reports/tdmrep/): `tdm-reservation` is
`1` or `0`, any other value is a protocol error and counts as not declared; a rule of the
origin's tdmrep.json comes first, then the HTTP header, then HTML `<meta>` (the order in which
the report has a TDM agent look for them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from lxml.html import HtmlElement

from newsflow.extract.jsonld import jsonld_nodes
from newsflow.extract.page_tags import PageTags
from newsflow.extract.walk import document_tops
from newsflow.models.rights import Rights, TdmrepFinding
from newsflow.urls import page_http_url

# The directives recorded; others (max-snippet:…, unavailable_after:…) are not use signals
# this record is about. `none` is shorthand for noindex + nofollow.
DIRECTIVES = frozenset(
    {"all", "noindex", "nofollow", "noarchive", "nosnippet", "noimageindex", "noai", "noimageai"}
)
_GENERIC_META_NAMES = ("robots",)
# Our robots product token (FetchSettings.agent_name's default): <meta name="newsflow">.
DEFAULT_AGENT = "newsflow"
# Directives that take a value after a colon: not an agent prefix.
_PARAMETERISED = frozenset(
    {"max-snippet", "max-image-preview", "max-video-preview", "unavailable_after"}
)


def parse_directives(values: Iterable[str], agent: str) -> list[str]:
    """Directives of X-Robots-Tag values (one per header line) that apply to `agent`.

    `googlebot: noindex` applies to googlebot only; tokens without a prefix apply to all.
    Returns sorted, deduplicated lowercase tokens from DIRECTIVES.
    """
    agent = agent.strip().lower()
    found: set[str] = set()
    for value in values:
        scope: str | None = None  # None: every agent
        for raw in value.split(","):
            directive = raw.strip().lower()
            name, sep, rest = directive.partition(":")
            if sep and name.strip() not in _PARAMETERISED:
                scope, directive = name.strip(), rest.strip()  # "googlebot: noindex"
            if scope is None or scope == agent:
                found.update(_expand(directive))
    return sorted(found)


def _expand(directive: str) -> set[str]:
    if directive == "none":
        return {"noindex", "nofollow"}
    return {directive} if directive in DIRECTIVES else set()


def page_rights(
    tree: HtmlElement,
    page_url: str,
    agent: str = DEFAULT_AGENT,
    jsonld: list[dict[str, Any]] | None = None,
    tags: PageTags | None = None,
) -> Rights:
    """The page's own signals: meta robots, TDMRep <meta>, and its licence link.

    `page_url` resolves a relative licence link (the page's document base URL, its `<base
    href>`, see `urls.document_base_url`); `agent` is our robots product token;
    `jsonld`: the page's JSON-LD objects (`jsonld.jsonld_nodes`) and `tags` its elements by
    tag (`page_tags.PageTags` of the unchanged tree), if read already.
    """
    metas: dict[str, str] = {}
    robots_values: list[str] = []
    for meta in tree.iter("meta") if tags is None else tags("meta"):
        name = (meta.get("name") or "").strip().lower()
        content = meta.get("content") or ""
        if name in _GENERIC_META_NAMES or name == agent.lower():
            robots_values.append(content)
        elif name in {"tdm-reservation", "tdm-policy"} and name not in metas:
            metas[name] = content.strip()
    reservation = _reservation(metas.get("tdm-reservation"))
    license_url, license_source = _license(tree, page_url, jsonld, tags)
    return Rights(
        meta_robots=parse_directives(robots_values, agent),
        tdm_reservation=reservation,
        tdm_policy=_policy(reservation, metas.get("tdm-policy"), page_url),
        tdm_source="meta" if reservation is not None else None,
        license_url=license_url,
        license_source=license_source,
    )


def with_response(
    rights: Rights,
    headers: Mapping[str, str],
    *,
    page_url: str,
    agent: str = DEFAULT_AGENT,
    robots_verdict: str | None = None,
    robots_rule: str | None = None,
) -> Rights:
    """Add the response's signals (lowercase header names) and the robots.txt decision."""
    update: dict[str, Any] = {
        "robots_verdict": robots_verdict,
        "robots_rule": robots_rule,
        "x_robots_tag": parse_directives([headers["x-robots-tag"]], agent)
        if "x-robots-tag" in headers
        else [],
    }
    reservation = _reservation(headers.get("tdm-reservation"))
    if reservation is not None:  # the header outranks <meta>
        update |= {
            "tdm_reservation": reservation,
            "tdm_policy": _policy(reservation, headers.get("tdm-policy"), page_url),
            "tdm_source": "header",
        }
    return rights.model_copy(update=update)


def with_tdmrep(rights: Rights, finding: TdmrepFinding, *, page_url: str) -> Rights:
    """Add what the origin's tdmrep.json says; its rule outranks header and <meta>. A rule
    whose reservation is not 0 or 1 declares nothing, and the other signals stand."""
    rule = finding.rule
    update: dict[str, Any] = {
        "tdmrep_file": finding.outcome.value,
        "tdmrep_location": rule.location if rule else None,
    }
    if rule is not None and rule.reservation is not None:
        update |= {
            "tdm_reservation": rule.reservation,
            "tdm_policy": _policy(rule.reservation, rule.policy, page_url),
            "tdm_source": "tdmrep.json",
        }
    return rights.model_copy(update=update)


def _reservation(value: str | None) -> bool | None:
    text = (value or "").strip()
    return {"1": True, "0": False}.get(text)


def _policy(reservation: bool | None, value: str | None, page_url: str) -> str | None:
    # A policy only means something next to a reservation (TDMRep, "tdm-policy").
    if not reservation or not value or not value.strip():
        return None
    return page_http_url(value, page_url)


def _with_rel(tree: HtmlElement, tags: PageTags | None = None) -> Iterator[HtmlElement]:
    """The page's `<link>` and `<a>` elements with a `rel`, in document order (XPath's
    ``//link[@rel] | //a[@rel]``): libxml2 skips the other tags, Python tests each link's
    `rel`, at two thirds of the XPath's cost (modern development set). `tags`: the tree's
    elements by tag, which are the document's when the tree is its only top element."""
    if tags is not None and tags.whole_document():
        links = [tags.rel_links]
    else:
        links = [top.iter("link", "a") for top in document_tops(tree)]
    for element in chain.from_iterable(links):
        if element.get("rel") is not None:
            yield element


def _license(
    tree: HtmlElement, page_url: str, jsonld: list[dict[str, Any]] | None, tags: PageTags | None
) -> tuple[str | None, str | None]:
    for element in _with_rel(tree, tags):
        rels = (element.get("rel") or "").lower().split()
        href = (element.get("href") or "").strip()
        if "license" in rels and href:
            url = page_http_url(href, page_url)
            if url:
                return url, "link:rel=license"
    for node in jsonld_nodes(tree) if jsonld is None else jsonld:
        url = _jsonld_license(node.get("license"), page_url)
        if url:
            return url, "jsonld:license"
    return None, None


def _jsonld_license(value: Any, page_url: str) -> str | None:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str) or not value.strip():
        return None
    return page_http_url(value, page_url)
