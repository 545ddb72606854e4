"""The rights record of an article: what its publisher said about its use when we fetched it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Rights(BaseModel):
    """Machine-readable use signals found at fetch time, recorded as found (not judged).

    Sources of the rules: robots.txt per RFC 9309; `X-Robots-Tag` and `<meta name="robots">`
    per Google's robots meta specification, plus the `noai` / `noimageai` tokens some
    publishers add; TDM reservation per the W3C TDMRep final report (2024,
    https://www.w3.org/2022/tdmrep/), whose processing priority (HTTP header before HTML
    `<meta>`) decides `tdm_source`; the licence from `rel=license` or JSON-LD `license`.
    """

    model_config = ConfigDict(frozen=True)

    robots_verdict: str | None = Field(
        default=None,
        description="How robots.txt let the fetch happen: allowed, allow_all (no robots.txt); "
        "null for uploads and pages fetched before this record existed.",
    )
    robots_rule: str | None = Field(
        default=None,
        description="The robots.txt group and rule that decided, e.g. 'user-agent: * / "
        "allow: /news/'; 'no matching rule' when the group had none for the path.",
    )
    x_robots_tag: list[str] = Field(
        default_factory=list,
        description="Directives of the X-Robots-Tag header that apply to us, lowercase.",
    )
    meta_robots: list[str] = Field(
        default_factory=list,
        description="Directives of <meta name=robots> (or our agent's name), lowercase.",
    )
    tdm_reservation: bool | None = Field(
        default=None,
        description="TDMRep tdm-reservation: true = TDM rights reserved (1), false = not "
        "reserved (0), null = not declared or malformed.",
    )
    tdm_policy: str | None = Field(default=None, description="TDMRep tdm-policy URL.")
    tdm_source: str | None = Field(
        default=None, description="Where the reservation came from: 'header' or 'meta'."
    )
    license_url: str | None = Field(default=None, description="The licence the page links.")
    license_source: str | None = Field(
        default=None, description="'link:rel=license' or 'jsonld:license'."
    )

    @property
    def directives(self) -> frozenset[str]:
        """Header and meta directives together (`none` counts as noindex and nofollow)."""
        return frozenset(self.x_robots_tag) | frozenset(self.meta_robots)
