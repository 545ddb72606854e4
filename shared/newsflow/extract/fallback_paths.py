"""trafilatura's default and recall modes (the later strategies' run) with their regex XPaths
answered in Python: the same text.

``extract(tree, ...)`` is ``trafilatura.extract``: its own functions (``extract``,
``_internal_extraction``, ``bare_extraction``, ``trafilatura_sequence``, ``_recall_retry``,
``_extract_and_compare``, and for the fallback comparison ``compare_extraction``,
``justext_rescue``, ``html2txt``, ``baseline`` and ``basic_cleaning``), not copied: the same
functions, given other globals (``content_paths.rebound``). What they read instead:

* the main-content step and the raw-tree prunes: ``content_paths``' walks;
* ``BASIC_CLEAN_XPATH``, the clean-up before the jusText fallback, the page-length measure of
  the recall escalation (``html2txt``) and the baseline rescue: ``_basic_clean``, a walk that
  selects the same elements in the same order. Its XPath tests a cookie-banner regex on
  every element's ``class`` and ``id`` through libxml2's callbacks into Python; the walk tests
  each distinct value once (``content_paths.ValueSearch``). On the 83 development pages where
  a later strategy runs, the XPath was a sixth of their CPU (0.34 of 2.0 s).

Those walks are right only for trafilatura 2.3.1. ``FALLBACK_WALKS`` says whether the running
trafilatura is that one (``content_paths.WALKS``, and the same ``BASIC_CLEAN_XPATH`` expression
and source of ``baseline`` and ``external``, the modules whose functions are rebound here);
when anything differs, the functions of those modules are trafilatura's own (the same text,
only slower). ``tests/unit/test_fallback_paths.py`` checks the walk against the XPath and
``extract`` against ``trafilatura.extract`` on pages.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura.core as _core
import trafilatura.external as _external
from lxml.etree import Element
from lxml.html import HtmlElement
from trafilatura import settings

from newsflow.extract.content_paths import (
    COMMENT_AND_LIST_PATHS,
    COMMENT_PATHS,
    RAW_PRUNE_PATHS,
    WALKS,
    ValueSearch,
    digest,
    extract_content,
    first_of,
    rebound,
)

__all__ = ["FALLBACK_WALKS", "extract"]

_LOG = logging.getLogger(__name__)

# trafilatura/__init__ binds the name "baseline" to the function: the module is read from
# sys.modules (imported by trafilatura.core)
_baseline = sys.modules["trafilatura.baseline"]

# sha256 (hex) of BASIC_CLEAN_XPATH's expression and of the sources of trafilatura 2.3.1's
# baseline.py and external.py, which the walk and the rebinding below were written against
_WRITTEN_AGAINST = {
    "expression": "3b071bbec4cf7a6c90483227b462418c8ab428125ae6e8308929a94033b1314d",
    "code": "0963a4626267c0f8bfcc1b308d8e9735a07bcc7e51f636cb712394303808e1e0",
}


def _fingerprint() -> dict[str, str]:
    """The digests of ``_WRITTEN_AGAINST`` in the running trafilatura ("" where unreadable)."""
    parts = {
        "expression": digest(getattr(getattr(settings, "BASIC_CLEAN_XPATH", None), "path", ""))
    }
    try:
        parts["code"] = digest(
            [Path(str(module.__file__)).read_bytes() for module in (_baseline, _external)]
        )
    except (OSError, TypeError):
        parts["code"] = ""
    return parts


_FOUND = _fingerprint()
# Whether the walk of this module stands in for BASIC_CLEAN_XPATH (else trafilatura's own)
FALLBACK_WALKS = WALKS and _FOUND == _WRITTEN_AGAINST
if WALKS and not FALLBACK_WALKS:
    _LOG.debug(
        "trafilatura's fallback differs from 2.3.1 in %s: its own XPath runs (slower, same text)",
        ", ".join(part for part, found in _FOUND.items() if found != _WRITTEN_AGAINST[part]),
    )

# BASIC_CLEAN_XPATH: these tags, divs named "footer", and any element whose class or id names
# a cookie banner (trafilatura.settings._COOKIE_CONSENT_RE, tested case-insensitively)
_CLEANED_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_COOKIE_BANNER = ValueSearch(getattr(settings, "_COOKIE_CONSENT_RE", ""), re.IGNORECASE)


def _basic_clean(tree: HtmlElement) -> list[HtmlElement]:
    """``BASIC_CLEAN_XPATH(tree)``: the elements below `tree` trafilatura's ``basic_cleaning``
    deletes, in document order."""
    out = []
    for el in tree.iterdescendants(Element):
        tag = el.tag
        if tag in _CLEANED_TAGS:
            out.append(el)
            continue
        if not el.attrib:
            continue
        ident, cls = el.get("id"), el.get("class")
        if (
            (tag == "div" and "footer" in first_of(el, "class", "id"))
            or (cls is not None and _COOKIE_BANNER[cls])
            or (ident is not None and _COOKIE_BANNER[ident])
        ):
            out.append(el)
    return out


extract: Callable[..., str | None]
if FALLBACK_WALKS:
    _basic_cleaning = rebound(_baseline.basic_cleaning, BASIC_CLEAN_XPATH=_basic_clean)
    _html2txt = rebound(_baseline.html2txt, basic_cleaning=_basic_cleaning)
    _baseline_rescue = rebound(_baseline.baseline, basic_cleaning=_basic_cleaning)
    _justext_rescue = rebound(_external.justext_rescue, basic_cleaning=_basic_cleaning)
    _compare_extraction = rebound(_external.compare_extraction, justext_rescue=_justext_rescue)
else:
    _html2txt = _baseline.html2txt
    _baseline_rescue = _baseline.baseline
    _justext_rescue = _external.justext_rescue
    _compare_extraction = _external.compare_extraction

if WALKS:
    # trafilatura.extract itself, its main-content step (run once, or twice with its recall
    # retry) and raw-tree prunes being content_paths' walks, its fallback steps the above
    _extract_and_compare = rebound(
        _core._extract_and_compare,
        extract_content=extract_content,
        compare_extraction=_compare_extraction,
    )
    extract = rebound(
        _core.extract,
        _internal_extraction=rebound(
            _core._internal_extraction,
            bare_extraction=rebound(
                _core.bare_extraction,
                trafilatura_sequence=rebound(
                    _core.trafilatura_sequence,
                    RAW_TREE_PRUNE_XPATH=RAW_PRUNE_PATHS,
                    REMOVE_COMMENTS_AND_LISTS_XPATH=COMMENT_AND_LIST_PATHS,
                    REMOVE_COMMENTS_XPATH=COMMENT_PATHS,
                    _extract_and_compare=_extract_and_compare,
                    _recall_retry=rebound(
                        _core._recall_retry, _extract_and_compare=_extract_and_compare
                    ),
                    html2txt=_html2txt,
                    baseline=_baseline_rescue,
                    justext_rescue=_justext_rescue,
                ),
            ),
        ),
    )
else:
    extract = _core.extract
