"""Source URL patterns in RE2, the linear-time engine: no pattern can backtrack."""

from __future__ import annotations

import re2

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # a rejected pattern is reported to the caller, not logged


def compile_url_pattern(pattern: str) -> re2._Regexp[str]:
    """A URL pattern compiled by RE2, whose matching time is linear in the URL's length.

    RE2 syntax is Python's without backreferences and lookaround, so no pattern (such as
    `(a+)+$`) can backtrack catastrophically. Raises ValueError for what RE2 cannot compile.
    """
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else b"invalid"
        detail = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise ValueError(f"not an RE2 pattern: {detail}") from exc
