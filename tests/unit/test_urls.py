"""URL normalization and article identity."""

from newsflow.urls import article_id_for, is_http_url, normalize_url


def test_normalize_url_drops_trackers_fragment_and_default_port() -> None:
    url = "HTTPS://News.Example.COM:443/a/b?utm_source=x&id=7&fbclid=y#comments"
    assert normalize_url(url) == "https://news.example.com/a/b?id=7"


def test_normalize_url_keeps_meaningful_query_in_stable_order() -> None:
    assert normalize_url("http://e.com/p?b=2&a=1") == normalize_url("http://e.com/p?a=1&b=2")


def test_normalize_url_resolves_relative_against_base() -> None:
    assert normalize_url("/story", base="https://e.com/x/y") == "https://e.com/story"


def test_article_id_same_for_http_and_https_and_differs_by_path() -> None:
    assert article_id_for("http://e.com/a") == article_id_for("https://e.com/a")
    assert article_id_for("https://e.com/a") != article_id_for("https://e.com/b")


def test_is_http_url() -> None:
    assert is_http_url("https://e.com/a")
    assert not is_http_url("javascript:alert(1)")
    assert not is_http_url("/relative")
    assert not is_http_url(None)
