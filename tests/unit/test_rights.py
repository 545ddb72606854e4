"""The rights record: robots directives, TDMRep reservation and licence, from built pages."""

import json
from datetime import UTC, datetime

import pytest
from protego import Protego

from newsflow.extract import extract_article
from newsflow.extract.rights import parse_directives, with_response
from newsflow.fetch.robots import matched_rule
from newsflow.models.rights import Rights

FETCHED = datetime(2026, 11, 2, 8, tzinfo=UTC)
URL = "https://news.example/politics/vote.html"
BODY = "".join(
    f"<p>Paragraph {i} of the report explains how the council voted on the new budget, "
    "with enough words to count as the body of an article.</p>"
    for i in range(8)
)


def rights_of(head: str, body_extra: str = "") -> Rights:
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vote</title>{head}'
        f"</head><body><article><h1>Vote</h1>{BODY}{body_extra}</article></body></html>"
    ).encode()
    return extract_article(page, URL, fetched_at=FETCHED).rights


def test_page_without_signals_has_an_empty_record() -> None:
    assert rights_of("") == Rights()


def test_meta_robots_directives_for_all_and_for_our_agent_only() -> None:
    rights = rights_of(
        '<meta name="robots" content="noarchive, NoAI, max-snippet:50">'
        '<meta name="newsflow" content="noimageai">'
        '<meta name="googlebot" content="noindex">'
    )
    assert rights.meta_robots == ["noai", "noarchive", "noimageai"]


def test_meta_robots_none_means_noindex_and_nofollow() -> None:
    assert rights_of('<meta name="robots" content="none">').meta_robots == ["nofollow", "noindex"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["noindex, noarchive"], ["noarchive", "noindex"]),
        (["googlebot: noindex, noarchive", "noai"], ["noai"]),
        (["newsflow: noindex", "otherbot: noarchive"], ["noindex"]),
        (["unavailable_after: 25 Jun 2030 15:00:00 PST, noimageai"], ["noimageai"]),
        (["all"], ["all"]),
        (["made-up-token, "], []),
    ],
)
def test_x_robots_tag_scoping(values: list[str], expected: list[str]) -> None:
    assert parse_directives(values, "newsflow") == expected


def test_tdm_meta_reservation_and_policy_resolved_against_the_page() -> None:
    rights = rights_of(
        '<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="/tdm.json">'
    )
    assert rights.tdm_reservation is True
    assert rights.tdm_policy == "https://news.example/tdm.json"
    assert rights.tdm_source == "meta"


@pytest.mark.parametrize(("content", "expected"), [("0", False), ("2", None), ("yes", None)])
def test_tdm_values_other_than_one_and_zero_are_not_a_declaration(
    content: str, expected: bool | None
) -> None:
    rights = rights_of(f'<meta name="tdm-reservation" content="{content}">')
    assert rights.tdm_reservation is expected
    assert rights.tdm_source == ("meta" if expected is not None else None)


def test_policy_without_reservation_is_ignored() -> None:
    rights = rights_of(
        '<meta name="tdm-reservation" content="0"><meta name="tdm-policy" content="/p">'
    )
    assert rights.tdm_policy is None


def test_header_reservation_outranks_meta() -> None:
    page = rights_of('<meta name="tdm-reservation" content="0">')
    rights = with_response(
        page,
        {"tdm-reservation": "1", "tdm-policy": "https://rights.example/policy.json"},
        page_url=URL,
    )
    assert (rights.tdm_reservation, rights.tdm_source) == (True, "header")
    assert rights.tdm_policy == "https://rights.example/policy.json"


def test_malformed_header_leaves_meta_reservation() -> None:
    page = rights_of('<meta name="tdm-reservation" content="1">')
    rights = with_response(page, {"tdm-reservation": "true"}, page_url=URL)
    assert (rights.tdm_reservation, rights.tdm_source) == (True, "meta")


def test_response_adds_x_robots_tag_and_robots_decision() -> None:
    rights = with_response(
        Rights(),
        {"x-robots-tag": "noai, noimageai"},
        page_url=URL,
        robots_verdict="allowed",
        robots_rule="user-agent: * / allow: /politics/",
    )
    assert rights.x_robots_tag == ["noai", "noimageai"]
    assert rights.robots_verdict == "allowed"
    assert rights.robots_rule == "user-agent: * / allow: /politics/"
    assert rights.directives == {"noai", "noimageai"}


def test_licence_from_rel_license_link() -> None:
    rights = rights_of(
        "", '<p>Published under <a rel="license" href="/licences/cc-by-4.0">CC BY</a></p>'
    )
    assert rights.license_url == "https://news.example/licences/cc-by-4.0"
    assert rights.license_source == "link:rel=license"


@pytest.mark.parametrize(
    "license_value",
    [
        "https://creativecommons.org/licenses/by-sa/4.0/",
        {"@type": "CreativeWork", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
    ],
)
def test_licence_from_jsonld(license_value: object) -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "license": license_value}
    rights = rights_of(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert rights.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert rights.license_source == "jsonld:license"


def test_rights_do_not_change_the_content_hash() -> None:
    plain = extract_article(
        f"<html><head><title>Vote</title></head><body><article>{BODY}</article></body></html>".encode(),
        URL,
        fetched_at=FETCHED,
    )
    marked = extract_article(
        (
            '<html><head><title>Vote</title><meta name="robots" content="noai">'
            f"</head><body><article>{BODY}</article></body></html>"
        ).encode(),
        URL,
        fetched_at=FETCHED,
    )
    assert marked.rights.meta_robots == ["noai"]
    assert plain.content_hash == marked.content_hash


ROBOTS = """
User-agent: *
Disallow: /private/
Allow: /private/press/

User-agent: newsflow
Disallow: /drafts/
"""


@pytest.mark.parametrize(
    ("url", "agent", "expected"),
    [
        ("https://n.example/news/a", "otherbot", "user-agent: * / no matching rule"),
        ("https://n.example/private/press/a", "otherbot", "user-agent: * / allow: /private/press/"),
        ("https://n.example/private/x", "otherbot", "user-agent: * / disallow: /private/"),
        ("https://n.example/drafts/x", "newsflow", "user-agent: newsflow / disallow: /drafts/"),
        ("https://n.example/private/x", "newsflow", "user-agent: newsflow / no matching rule"),
    ],
)
def test_matched_rule_names_the_group_and_line(url: str, agent: str, expected: str) -> None:
    rules = Protego.parse(ROBOTS)
    assert matched_rule(rules, url, agent) == expected
    assert rules.can_fetch(url, agent) == ("disallow" not in expected)


def test_matched_rule_without_any_group() -> None:
    assert matched_rule(Protego.parse(""), "https://n.example/a", "newsflow") == (
        "no group for this agent"
    )
