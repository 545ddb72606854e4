"""A page as the bucket keeps it under raw/ and uploads/: its bytes and what its fetch saw.

The stored format (gzip, S3 user metadata, charset in Content-Type) is the S3 adapter's alone
(`storage/raw_pages.py` writes and reads it); fetching builds a RawPage, processing reads one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from newsflow.models.events import RejectionKind
from newsflow.models.outcome import OutcomeKind
from newsflow.models.rights import TdmrepFinding

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class RawPage:
    """One page object.

    `body` is the page as served (Content-Encoding already decoded), empty when `unreadable`
    says why it could not be read (`too_large`: over the reader's limit; `corrupt_object`:
    stored gzip that does not inflate). `url` is the requested URL as stored (blank when an
    upload names none); `fetched_at` falls back to the object's LastModified. `headers` are
    the response headers the fetcher kept (lowercase names), `robots_verdict` and
    `robots_rule` the robots.txt decision that let it fetch, `tdmrep` what the origin's
    /.well-known/tdmrep.json said about this URL: uploads have none of these.
    """

    body: bytes
    url: str
    fetched_at: datetime
    final_url: str = ""
    source_id: str | None = None
    content_type: str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    robots_verdict: str | None = None
    robots_rule: str | None = None
    tdmrep: TdmrepFinding | None = None
    unreadable: OutcomeKind | RejectionKind | None = None
    reason: str = ""

    @property
    def charset(self) -> str | None:
        """The charset its Content-Type names, if any."""
        found = _CHARSET.search(self.content_type or "")
        return found.group(1) if found else None
