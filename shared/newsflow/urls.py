"""URLs as published (what we fetch) and their normalised key (identity, de-duplication)."""

from __future__ import annotations

import contextlib
import hashlib
from urllib.parse import parse_qsl, unquote_plus, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only ever track the reader, never select content: analytics
# campaign tags (Google Analytics' utm_*, Matomo/Piwik's pk_*, Mailchimp's mc_cid/mc_eid)
# and advertising click ids (Facebook, Google Ads, Microsoft, Yandex, HubSpot, Marketo).
# Removed from the URL we fetch; names that some sites also use for content stay in it.
_PROVABLE_TRACKING_PREFIXES = ("utm_", "pk_")
_PROVABLE_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
    }
)
# The key also drops parameters that usually track (a few sites use them for content, so
# the URL we fetch keeps them): two spellings that differ only in these are one article.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "ga_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mkt_tok",
        "cmpid",
        "ocid",
        "ncid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "smid",
        "cid",
        "share",
        "amp",
        "outputtype",
        # more reader-tracking ids seen in feed and sitemap links
        "_hsenc",
        "_hsmi",
        "wt.mc_id",
        "s_cid",
        "at_medium",
        "at_campaign",
        "guccounter",
        "mbid",
        "spm",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "__twitter_impression",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def published_url(url: str, base: str | None = None) -> str:
    """The URL as the publisher wrote it: resolved against `base` (the document's URL),
    provable tracking parameters (`utm_*`, click ids) and the fragment (never sent to the
    server, RFC 9110 §7.1) removed, everything else untouched.

    The query keeps its order and spelling (`?q=a&l=en` is not `?l=en&q=a` to an
    order-sensitive CMS or a signed URL; `?item` is not `?item=`). This is what we fetch;
    `normalize_url` gives the key two spellings of one article share.

    A `url` or `base` urllib cannot parse ("http://[::1/x") is not resolved: `url` comes back
    as written, which `is_http_url` refuses when it is not itself absolute.
    """
    url = url.strip()
    if base:
        with contextlib.suppress(ValueError):
            url = urljoin(base, url)
    url = url.partition("#")[0]
    head, mark, query = url.partition("?")
    if not mark:
        return url
    kept = [part for part in query.split("&") if not _provably_tracking(part)]
    return head + ("?" + "&".join(kept) if kept else "")


def _provably_tracking(parameter: str) -> bool:
    name = unquote_plus(parameter.partition("=")[0]).lower()
    return name.startswith(_PROVABLE_TRACKING_PREFIXES) or name in _PROVABLE_TRACKING_NAMES


def normalize_url(url: str, base: str | None = None) -> str:
    """The URL's key: absolute, lowercase scheme and host, no fragment, default port,
    or tracking parameters; meaningful query parameters kept in a stable order.

    Two spellings of one article share a key (de-duplication, the registry item, the
    article id); never fetch it, since reordering a query can change the resource.
    """
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        # urlsplit strips an IPv6 literal's brackets; a netloc without them is unparsable.
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_NAMES
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def is_http_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host; False for anything else: one urllib
    cannot parse ("http://[::1/x": its ValueError), a port that is no number from 0 to 65535
    (RFC 3986 section 3.2.3 and TCP's range: "http://e.com:99999/"), a host with a space or
    control character (no DNS name or address has one, RFC 1123 section 2.1), a lone
    surrogate (a command-line byte that was no UTF-8, JSON's "\\ud800": no URL's character,
    and the article id hashes the URL's UTF-8)."""
    if not url:
        return False
    try:
        url.encode("utf-8")  # UnicodeEncodeError, a ValueError, for a lone surrogate
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - urllib reads the port only here: ValueError when it is none
    except ValueError:
        return False
    host = parts.hostname or ""
    usable = host.isprintable() and not any(c.isspace() for c in host)
    return parts.scheme.lower() in {"http", "https"} and bool(host) and usable


def document_base_url(base_href: str | None, page_url: str) -> str:
    """The URL a page's relative links resolve against, HTML's document base URL (WHATWG HTML
    section 2.4.1, "document base URL"): `base_href`, the first `<base href>` of the page,
    resolved against `page_url`; `page_url` when there is none, or when it gives no http(s)
    URL ("javascript:", one urllib cannot parse)."""
    if base_href is None:
        return page_url
    return page_http_url(base_href, page_url) or page_url


def page_http_url(value: str, base: str, *, normalized: bool = False) -> str | None:
    """A URL a page gives (an `href`, a `<meta>` or JSON-LD value) resolved against `base`,
    the page's URL, as a browser resolves it (RFC 3986 section 5.2): `normalize_url`d when
    `normalized`. None when the result is no http(s) URL with a host ("javascript:",
    "mailto:") or urllib cannot parse it ("http://[::1/x": ValueError), so one broken link
    costs its own value, not the page's extraction."""
    try:
        url = normalize_url(value, base=base) if normalized else urljoin(base, value.strip())
    except ValueError:
        return None
    return url if is_http_url(url) else None


def article_id_for(canonical_url: str) -> str:
    """The stable article id: a hash of the canonical URL (scheme-insensitive)."""
    _, _, rest = canonical_url.partition("://")
    return hashlib.sha256((rest or canonical_url).encode("utf-8")).hexdigest()[:32]


def site_domain(address: str) -> str:
    """The last two labels of an address's host ("blog.example.org" -> "example.org"),
    lower-cased; "" for a relative or unparsable address. Two labels join sites under one
    public suffix ("a.co.uk", "b.co.uk"): that errs towards keeping a list a teaser."""
    try:
        host = urlsplit(address.strip()).hostname or ""
    except ValueError:
        return ""
    return ".".join(host.split(".")[-2:])
