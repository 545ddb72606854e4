"""TDMRep's /.well-known/tdmrep.json: parsing, the rule that governs a URL, the polite fetch
and its per-origin cache (a loopback site serves the files written here)."""

import json
from datetime import UTC, datetime

import pytest
from support.loopback_site import ClientFactory, Reply, Site

from newsflow.extract.rights import with_response, with_tdmrep
from newsflow.fetch.tdmrep import (
    TDMREP_PATH,
    TdmrepFormatError,
    finding_for,
    matching_rule,
    parse_tdmrep,
)
from newsflow.models.rights import Rights, TdmrepFinding, TdmrepOutcome, TdmrepRule

JSON = {"Content-Type": "application/json"}
TEXT = {"Content-Type": "text/plain"}
FILE_URL = "https://news.example/.well-known/tdmrep.json"
# Our own file: news reserved with a policy, one press-release path open, everything else open.
RULES = json.dumps(
    [
        {"location": "/news/press-*", "tdm-reservation": 0},
        {"location": "/news/", "tdm-reservation": 1, "tdm-policy": "/policies/tdm.json"},
        {"location": "/exact$", "tdm-reservation": 1},
        {"location": "/odd", "tdm-reservation": 2},
        {"location": "/", "tdm-reservation": 0},
    ]
).encode()


class Clock:
    """Wall-clock stand-in the tests move forward."""

    def __init__(self) -> None:
        self.now = 1_714_800_000.0

    def __call__(self) -> float:
        return self.now


def _rule(url: str) -> TdmrepRule | None:
    return matching_rule(parse_tdmrep(RULES, FILE_URL), url)


def test_parse_tdmrep_reads_rules_in_order_and_resolves_policy_urls() -> None:
    rules = parse_tdmrep(RULES, FILE_URL)
    assert [r.location for r in rules] == ["/news/press-*", "/news/", "/exact$", "/odd", "/"]
    assert rules[1] == TdmrepRule(
        location="/news/", reservation=True, policy="https://news.example/policies/tdm.json"
    )
    assert rules[3].reservation is None  # 2 is not a value of the final report: not declared


def test_matching_rule_first_match_in_file_order_wins() -> None:
    press = _rule("https://news.example/news/press-2024-05?lang=en")
    assert press is not None and press.reservation is False
    news = _rule("https://news.example/news/politics/bridge")
    assert news is not None and news.reservation is True
    other = _rule("https://news.example/sport/match")
    assert other is not None and (other.location, other.reservation) == ("/", False)


def test_matching_rule_dollar_anchors_the_end_and_unreserved_escapes_are_decoded() -> None:
    exact = _rule("https://news.example/exact")
    assert exact is not None and exact.location == "/exact$"
    longer = _rule("https://news.example/exactly")
    assert longer is not None and longer.location == "/"
    # %6Eews is "news": an escaped unreserved character compares as the character
    decoded = _rule("https://news.example/%6Eews/item")
    assert decoded is not None and decoded.location == "/news/"


def test_matching_rule_special_characters_are_literal_and_many_wildcards_stay_linear() -> None:
    body = json.dumps(
        [
            {"location": "/a+b (1)/~x&y", "tdm-reservation": 1},
            {"location": "*a" * 100 + "*b", "tdm-reservation": 1},  # backtracks in `re`
            {"location": "/", "tdm-reservation": 0},
        ]
    ).encode()
    rules = parse_tdmrep(body, FILE_URL)
    literal = matching_rule(rules, "https://news.example/a+b%20(1)/~x")
    assert literal is not None and literal.location == "/"  # %20 is not unreserved: no match
    spaced = matching_rule(rules, "https://news.example/a+b (1)/~x&y")
    assert spaced is not None and spaced.reservation is True
    # RE2 answers at once where a backtracking engine would not finish
    slow = matching_rule(rules, "https://news.example/" + "a" * 5000)
    assert slow is not None and slow.location == "/"


def test_matching_rule_none_when_no_rule_matches() -> None:
    rules = parse_tdmrep(b'[{"location": "/news/", "tdm-reservation": 1}]', FILE_URL)
    assert matching_rule(rules, "https://news.example/weather") is None


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"location": "/", "tdm-reservation": 1}', b"\xff\xfe", b""]
)
def test_parse_tdmrep_malformed_raises_typed_error(body: bytes) -> None:
    with pytest.raises(TdmrepFormatError):
        parse_tdmrep(body, FILE_URL)


def test_parse_tdmrep_skips_entries_without_a_location() -> None:
    body = (
        b'[1, {"tdm-reservation": 1}, {"location": 5}, {"location": "/a", "tdm-reservation": "1"}]'
    )
    assert parse_tdmrep(body, FILE_URL) == [TdmrepRule(location="/a", reservation=True)]


def test_with_tdmrep_rule_outranks_header_and_meta() -> None:
    page = Rights(tdm_reservation=False, tdm_source="meta")
    headers = {"tdm-reservation": "0"}
    rights = with_response(page, headers, page_url="https://news.example/news/a")
    rule = TdmrepRule(location="/news/", reservation=True, policy="https://news.example/p")
    found = TdmrepFinding(outcome=TdmrepOutcome.FOUND, rule=rule)
    combined = with_tdmrep(rights, found, page_url="https://news.example/news/a")
    assert (combined.tdm_reservation, combined.tdm_source) == (True, "tdmrep.json")
    assert combined.tdm_policy == "https://news.example/p"
    assert (combined.tdmrep_file, combined.tdmrep_location) == ("found", "/news/")


def test_with_tdmrep_without_a_declaring_rule_leaves_header_signal() -> None:
    rights = with_response(Rights(), {"tdm-reservation": "1"}, page_url="https://n.example/a")
    for finding in (
        TdmrepFinding(outcome=TdmrepOutcome.ABSENT),
        TdmrepFinding(outcome=TdmrepOutcome.FOUND, rule=TdmrepRule(location="/", reservation=None)),
    ):
        combined = with_tdmrep(rights, finding, page_url="https://n.example/a")
        assert (combined.tdm_reservation, combined.tdm_source) == (True, "header")
        assert combined.tdmrep_file == finding.outcome.value


# -- the polite fetch and its cache -------------------------------------------------------------


def test_tdmrep_record_found_is_fetched_once_per_origin_while_fresh(
    site: Site, make_client: ClientFactory
) -> None:
    clock = Clock()
    site.routes[TDMREP_PATH] = Reply(200, RULES, JSON)
    client = make_client(clock=clock, tdmrep_ttl_seconds=3600)

    reserved = finding_for(client.tdmrep_record(site.url("/news/a")), site.url("/news/a"))
    unreserved = finding_for(client.tdmrep_record(site.url("/sport/b")), site.url("/sport/b"))

    assert reserved.outcome is TdmrepOutcome.FOUND
    assert reserved.rule is not None and reserved.rule.reservation is True
    assert reserved.rule.policy == site.url("/policies/tdm.json")
    assert unreserved.rule is not None and unreserved.rule.reservation is False
    assert site.paths().count(TDMREP_PATH) == 1  # the second page used the cached record
    assert "/robots.txt" in site.paths()  # fetched like a page: robots.txt first
    clock.now += 3601
    client.tdmrep_record(site.url("/news/c"))
    assert site.paths().count(TDMREP_PATH) == 2  # expired: fetched again


def test_tdmrep_record_missing_file_is_absent(site: Site, make_client: ClientFactory) -> None:
    record = make_client().tdmrep_record(site.url("/news/a"))
    assert (record.outcome, record.status, record.rules) == (TdmrepOutcome.ABSENT, 404, [])


def test_tdmrep_record_malformed_json_is_recorded_not_raised(
    site: Site, make_client: ClientFactory
) -> None:
    site.routes[TDMREP_PATH] = Reply(200, b'[{"location": "/", ', JSON)
    record = make_client().tdmrep_record(site.url("/news/a"))
    assert record.outcome is TdmrepOutcome.MALFORMED
    assert record.reason.startswith("not JSON")
    assert finding_for(record, site.url("/news/a")).rule is None


def test_tdmrep_record_server_error_is_unavailable_for_the_short_ttl(
    site: Site, make_client: ClientFactory
) -> None:
    clock = Clock()
    site.routes[TDMREP_PATH] = Reply(500, b"oops", TEXT)
    client = make_client(clock=clock, robots_error_ttl_seconds=60)
    record = client.tdmrep_record(site.url("/a"))
    assert record.outcome is TdmrepOutcome.UNAVAILABLE
    assert (record.expires_at - record.fetched_at).total_seconds() == 60
    assert record.fetched_at == datetime.fromtimestamp(clock.now, tz=UTC)


def test_tdmrep_record_respects_robots_txt(site: Site, make_client: ClientFactory) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /.well-known/\n", TEXT)
    site.routes[TDMREP_PATH] = Reply(200, RULES, JSON)
    record = make_client().tdmrep_record(site.url("/news/a"))
    assert record.outcome is TdmrepOutcome.ABSENT
    assert TDMREP_PATH not in site.paths()


def test_tdmrep_record_too_large_is_malformed(site: Site, make_client: ClientFactory) -> None:
    site.routes[TDMREP_PATH] = Reply(200, b"[" + b" " * 5000 + b"]", JSON)
    record = make_client(tdmrep_max_bytes=1000).tdmrep_record(site.url("/a"))
    assert record.outcome is TdmrepOutcome.MALFORMED
