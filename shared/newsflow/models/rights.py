"""The rights record of an article: what its publisher said about its use when we fetched it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

# -- TDMRep's /.well-known/tdmrep.json (read by fetch/tdmrep.py) ------------------------------


class TdmrepOutcome(StrEnum):
    """What fetching an origin's tdmrep.json gave."""

    FOUND = "found"  # a JSON array of rules (possibly empty)
    ABSENT = "absent"  # 404, 410, other 4xx, or not reachable for us: no file
    MALFORMED = "malformed"  # not JSON, or not an array
    UNAVAILABLE = "unavailable"  # 5xx, timeout, network error: asked again sooner


class TdmrepRule(BaseModel):
    """One rule of the file, as declared (`reservation` None: missing or not 0/1)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    location: str
    reservation: bool | None = None
    policy: str | None = None


class TdmrepFinding(BaseModel):
    """What the file says about one URL: the file's outcome and the rule that applies."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    outcome: TdmrepOutcome
    rule: TdmrepRule | None = None


class Rights(BaseModel):
    """Machine-readable use signals found at fetch time, recorded as found (not judged).

    Sources of the rules: robots.txt per RFC 9309; `X-Robots-Tag` and `<meta name="robots">`
    per Google's robots meta specification, plus the `noai` / `noimageai` tokens some
    publishers add; TDM reservation per the W3C TDMRep final report (2024,
    https://www.w3.org/community/reports/tdmrep/), whose processing order (the origin's
    `/.well-known/tdmrep.json` first, then the HTTP header, then HTML `<meta>`) decides
    `tdm_source`; the licence from `rel=license` or JSON-LD `license`.
    """

    model_config = ConfigDict(defer_build=True, frozen=True)

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
        default=None,
        description="Where the reservation came from: 'tdmrep.json' (a rule of the origin's "
        "file), 'header' or 'meta', in that order of precedence.",
    )
    tdmrep_file: str | None = Field(
        default=None,
        description="The origin's /.well-known/tdmrep.json when fetched: found, absent, "
        "malformed or unavailable; null for uploads and pages fetched before this field.",
    )
    tdmrep_location: str | None = Field(
        default=None, description="The location pattern of the file's rule for this page."
    )
    license_url: str | None = Field(default=None, description="The licence the page links.")
    license_source: str | None = Field(
        default=None, description="'link:rel=license' or 'jsonld:license'."
    )

    @property
    def directives(self) -> frozenset[str]:
        """Header and meta directives together (`none` counts as noindex and nofollow)."""
        return frozenset(self.x_robots_tag) | frozenset(self.meta_robots)
