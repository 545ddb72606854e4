"""URL normalization and article identity."""

from newsflow.urls import article_id_for, is_http_url, normalize_url, published_url


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
    assert not is_http_url("https://e.com/\udcff")  # a lone surrogate: no URL's character
    assert not is_http_url("/relative")
    assert not is_http_url(None)


def test_normalize_url_keeps_ipv6_brackets_and_drops_default_port() -> None:
    assert normalize_url("http://[::1]:80/a#x") == "http://[::1]/a"
    assert normalize_url("http://[2001:db8::1]:8080/a") == "http://[2001:db8::1]:8080/a"


def test_normalize_url_drops_more_trackers_and_trailing_host_dot() -> None:
    url = "https://News.Example./a?_hsenc=1&spm=2&guccounter=1&page=3&WT.mc_id=z"
    assert normalize_url(url) == "https://news.example/a?page=3"


def test_published_url_keeps_query_order_and_bare_parameters() -> None:
    url = "https://www.example.com/foo?q=a&l=en"
    assert published_url(url) == url
    assert published_url("http://e.com/p?item") == "http://e.com/p?item"
    assert normalize_url(url) == "https://www.example.com/foo?l=en&q=a"  # the key sorts


def test_published_url_removes_only_provable_tracking_and_fragment() -> None:
    url = "HTTP://E.com:80/a?x=1&UTM_Source=n&gclid=2&ref=home&y#top"
    assert published_url(url) == "HTTP://E.com:80/a?x=1&ref=home&y"
    assert published_url("/a?utm_medium=rss", base="https://e.com/feed") == "https://e.com/a"


def test_published_url_and_its_key_agree_on_identity() -> None:
    spellings = ["https://E.com/a?b=2&a=1&utm_source=x", "https://e.com:443/a?a=1&b=2#c"]
    assert len({normalize_url(published_url(s)) for s in spellings}) == 1
