"""Feed parsing: RSS 0.91/1.0/2.0, Atom, JSON Feed, and the ill-formed feeds of the wild."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsflow.discover import parse_feed
from newsflow.models import DiscoveryOrigin

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
BASE = "https://base.example/feed"


def _parse(name: str, content_type: str | None = None) -> tuple[list[str], list[str | None]]:
    parsed = parse_feed((FEEDS / name).read_bytes(), BASE, content_type=content_type)
    return [e.url for e in parsed.entries], [e.title for e in parsed.entries]


def test_parse_feed_rss20_keeps_link_as_published_with_normalised_key_dates_tags() -> None:
    parsed = parse_feed((FEEDS / "rss20.xml").read_bytes(), BASE)
    assert parsed.kind == "rss20"
    assert parsed.language == "en"
    first = parsed.entries[0]
    # fbclid and the fragment go; host case and the explicit port stay as published
    assert first.url == "https://Courier.Example:443/news/storm-closes-harbour?id=17"
    assert first.key == "https://courier.example/news/storm-closes-harbour?id=17"
    assert first.published_at == datetime(2024, 5, 4, 8, 30, tzinfo=UTC)
    assert first.keywords == ["Weather", "Harbour"]
    assert first.origin is DiscoveryOrigin.FEED
    assert first.found_in == BASE


def test_parse_feed_rss20_resolves_relative_prefers_origlink_and_permalink_guid() -> None:
    urls, _ = _parse("rss20.xml")
    assert urls == [
        "https://Courier.Example:443/news/storm-closes-harbour?id=17",
        "https://base.example/news/relative-story",
        "https://courier.example/news/original-story",
        "https://courier.example/news/guid-only",
    ]  # the entry without any URL is skipped


def test_parse_feed_rss091_drops_tracking_parameters() -> None:
    parsed = parse_feed((FEEDS / "rss091.xml").read_bytes(), BASE)
    assert parsed.kind.startswith("rss09")
    assert [e.url for e in parsed.entries] == ["https://gazette.example/2024/05/ferry-timetable"]
    assert parsed.entries[0].language == "en"


def test_parse_feed_rss10_rdf_reads_dublin_core_date_and_subject() -> None:
    parsed = parse_feed((FEEDS / "rss10.rdf").read_bytes(), BASE)
    assert parsed.kind == "rss10"
    entry = parsed.entries[0]
    assert (entry.url, entry.title, entry.language) == (
        "https://tribune.example/a/1",
        "Brücke wird saniert",
        "de",
    )
    assert entry.updated_at == datetime(2024, 5, 3, 5, 15, tzinfo=UTC)
    assert entry.keywords == ["Verkehr"]


def test_parse_feed_atom_takes_alternate_link_html_title_text_and_xml_lang() -> None:
    parsed = parse_feed((FEEDS / "atom10.xml").read_bytes(), BASE)
    assert parsed.kind == "atom10"
    first, second = parsed.entries
    assert first.url == "https://quotidien.example/2024/05/04/port-rouvre"
    assert first.title == "Le port rouvre après la tempête"
    assert first.published_at == datetime(2024, 5, 4, 4, 0, tzinfo=UTC)
    assert first.updated_at == datetime(2024, 5, 4, 7, 30, tzinfo=UTC)
    assert (first.language, second.language) == ("fr", "en")


def test_parse_feed_json_feed_11_items_dates_tags_and_id_fallback() -> None:
    parsed = parse_feed((FEEDS / "jsonfeed11.json").read_bytes(), BASE)
    assert parsed.kind == "json1.1"
    assert [e.url for e in parsed.entries] == [
        "https://island.example/noticias/puerto",
        "https://island.example/noticias/solo-id",
    ]
    first, second = parsed.entries
    assert first.updated_at == datetime(2024, 5, 4, 10, 0, tzinfo=UTC)
    assert first.keywords == ["puerto", "tiempo"]
    assert (first.language, second.language) == ("es", "en")


def test_parse_feed_json_feed_10_resolves_relative_url_and_strips_title_markup() -> None:
    urls, titles = _parse("jsonfeed10.json")
    assert urls == ["https://base.example/relative/one"]
    assert titles == ["Relative one"]


def test_parse_feed_unclosed_tags_recovers_every_item() -> None:
    parsed = parse_feed((FEEDS / "broken_unclosed.xml").read_bytes(), BASE)
    assert [e.url for e in parsed.entries] == [
        "https://chronicle.example/first",
        "https://chronicle.example/second",
    ]
    assert parsed.entries[0].title == "First story"
    assert parsed.entries[0].published_at == datetime(2024, 5, 4, 8, 0, tzinfo=UTC)
    assert parsed.problem  # tolerated, but reported


def test_parse_feed_html_entities_undefined_in_xml_are_decoded() -> None:
    urls, titles = _parse("broken_entities.xml")
    assert urls == ["https://echo.example/cafe?a=1&b=2", "https://echo.example/fish"]
    assert titles == ["Café owners & fishermen meet… © 2024", "Fish & chips & tea"]


def test_parse_feed_utf8_bytes_declared_latin1_read_as_utf8() -> None:
    _, titles = _parse("wrong_encoding_decl.xml")
    assert titles == ["Café: la fête du lac attire 10 000 visiteurs"]


def test_parse_feed_cp1252_bytes_declared_utf8_fall_back_without_loss() -> None:
    _, titles = _parse("cp1252_declared_utf8.xml")
    assert titles == ["Zürich’s “Seebad” öffnet"]


def test_parse_feed_windows1251_declared_decodes_cyrillic() -> None:
    parsed = parse_feed((FEEDS / "windows1251.xml").read_bytes(), BASE, content_type="text/xml")
    assert parsed.title == "Вести"
    assert [e.title for e in parsed.entries] == ["Порт снова открыт"]


def test_parse_feed_html_in_titles_becomes_plain_text_without_script() -> None:
    _, titles = _parse("html_titles.xml")
    assert titles[0] is not None
    assert titles[0].startswith("Breaking: council votes")
    assert "<" not in titles[0]
    assert "alert" not in titles[0]  # feedparser's sanitizer drops script content
    assert titles[1] == "Escaped markup & double-escaped amp"


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\xff\xfe garbage", b"<html><body>not a feed</body></html>", b"{not json", b"[]"],
    ids=["empty", "binary", "html", "bad-json", "json-array"],
)
def test_parse_feed_garbage_gives_no_entries_and_never_raises(data: bytes) -> None:
    assert parse_feed(data, BASE).entries == []


def test_parse_feed_bytes_that_look_like_a_path_are_not_opened_as_a_file() -> None:
    # feedparser opens str/bytes arguments as file names; we must only ever parse data.
    assert parse_feed(b"/etc/hostname", BASE).entries == []


def _decoded_twice(text: str) -> str:
    """`text` as a CMS stores it after reading its UTF-8 bytes as cp1252."""
    return text.encode("utf-8").decode("cp1252")


# "à" is C3 A0: its cp1252 form "Ã" + NBSP is what a whitespace collapse would cut.
_TITLES = ["Café à Zürich – l’été des terrasses", "Ångström’s «Seebad» öffnet"]
# Real accented text next to the punctuation mojibake is made of: repaired, it would change.
_CLEAN = ["A bride and her fiancé—a quiet wedding", "« Le café» du port"]


def _rss(titles: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://cafe.example/{i}</link></item>"
        for i, t in enumerate(titles)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{titles[0]}</title>{items}</channel></rss>"
    ).encode()


def _json_feed(titles: list[str]) -> bytes:
    items = [{"url": f"https://cafe.example/{i}", "title": t} for i, t in enumerate(titles)]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": titles[0], "items": items}
    return json.dumps(feed).encode()  # ASCII with \\u escapes, as many JSON feeds are


@pytest.mark.parametrize("build", [_rss, _json_feed], ids=["rss", "json-feed"])
def test_parse_feed_text_decoded_twice_is_repaired(build: Callable[[list[str]], bytes]) -> None:
    parsed = parse_feed(build([_decoded_twice(t) for t in _TITLES]), BASE)
    assert [e.title for e in parsed.entries] == _TITLES
    assert parsed.title == _TITLES[0]


@pytest.mark.parametrize("build", [_rss, _json_feed], ids=["rss", "json-feed"])
def test_parse_feed_clean_accented_titles_stay_identical(
    build: Callable[[list[str]], bytes],
) -> None:
    parsed = parse_feed(build(_CLEAN), BASE)
    assert [e.title for e in parsed.entries] == _CLEAN


def _rss_tags(tags: list[str]) -> bytes:
    categories = "".join(f"<category>{t}</category>" for t in tags)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>x</title><link>https://cafe.example/1</link>{categories}</item>"
        "</channel></rss>"
    ).encode()


def _json_feed_tags(tags: list[str]) -> bytes:
    item = {"url": "https://cafe.example/1", "title": "x", "tags": [*tags, "  ", 7]}
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]}).encode()


@pytest.mark.parametrize("build", [_rss_tags, _json_feed_tags], ids=["rss", "json-feed"])
def test_parse_feed_entry_keywords_decoded_twice_are_repaired(
    build: Callable[[list[str]], bytes],
) -> None:
    (entry,) = parse_feed(build([_decoded_twice(t) for t in _TITLES]), BASE).entries
    assert entry.keywords == _TITLES
    (clean,) = parse_feed(build(_CLEAN), BASE).entries
    assert clean.keywords == _CLEAN
