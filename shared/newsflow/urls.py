"""URL normalization and identity: the same article always gets the same id."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that track the reader rather than select content.
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


def normalize_url(url: str, base: str | None = None) -> str:
    """Canonical form: absolute, lowercase scheme and host, no fragment, default port,
    or tracking parameters; meaningful query parameters kept in a stable order."""
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
    """True for an absolute http(s) URL with a host."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def article_id_for(canonical_url: str) -> str:
    """The stable article id: a hash of the canonical URL (scheme-insensitive)."""
    _, _, rest = canonical_url.partition("://")
    return hashlib.sha256((rest or canonical_url).encode("utf-8")).hexdigest()[:32]
