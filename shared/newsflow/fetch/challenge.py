"""Bot-check interstitials (Cloudflare and friends) that stand where the page should be."""

from __future__ import annotations

from collections.abc import Mapping

CHALLENGE_STATUSES = frozenset({403, 429, 503})
# Lowercase markers of challenge pages; each is specific to an interstitial, not to news.
_BODY_MARKERS = (
    b"<title>just a moment...</title>",
    b"attention required! | cloudflare",
    b"/cdn-cgi/challenge-platform/",
    b"_cf_chl_opt",
    b"cf-browser-verification",
    b"checking your browser before accessing",
    b"captcha-delivery.com",  # DataDome
    b"px-captcha",  # PerimeterX / HUMAN
    b"pardon our interruption",  # Imperva / Distil
)
BODY_SNIFF_BYTES = 64 * 1024


def challenge_reason(status: int, headers: Mapping[str, str], body_prefix: bytes) -> str | None:
    """Why the response looks like a bot check, or None.

    Cloudflare marks its challenges with `cf-mitigated: challenge` whatever the status; the
    body markers are only trusted on the statuses interstitials use, so an article that
    quotes "Just a moment..." is never mistaken for one.
    """
    mitigated = headers.get("cf-mitigated", "").strip().lower()
    if mitigated == "challenge":
        return "cf-mitigated: challenge"
    if status not in CHALLENGE_STATUSES:
        return None
    lowered = body_prefix[:BODY_SNIFF_BYTES].lower()
    for marker in _BODY_MARKERS:
        if marker in lowered:
            return f"challenge marker {marker.decode()!r}"
    return None
