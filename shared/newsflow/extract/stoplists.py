"""The page's language for trafilatura's jusText fallback: one stop-word list, not all of them.

trafilatura's default and recall modes fall back to jusText on a short or unclean result (on the
dev sets 34 of 715 pages). Without a ``target_language`` jusText gets every language's
stop-word list (154,000 words: +27 MB peak RSS, measured on a German page of the metadata
set) and lower-cases it into a new set at each call (0.07 s CPU); with one, the few hundred
words of that language.
"""

from __future__ import annotations

import logging

from lxml.html import HtmlElement
from trafilatura.settings import JUSTEXT_LANGUAGES
from trafilatura.utils import LANGID_FLAG, check_html_lang

_NO_DETECTOR = "Language detector not installed"


def _not_detector_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_NO_DETECTOR)


# With a target language and no py3langid, trafilatura logs this warning at every call: the
# detection it skips is one we do not want (see ``stoplist_language``), so it is no news.
logging.getLogger("trafilatura.utils").addFilter(_not_detector_notice)


def stoplist_language(tree: HtmlElement, language: str | None) -> str | None:
    """``language`` (the page's, from its markup: "de", "en-GB", "pt_BR") as trafilatura's
    ``target_language``: an ISO 639-1 code jusText has a stop-word list for, else None.

    None too where trafilatura would use the code to discard the page, not to choose a list:
    when the page's ``content-language`` or ``og:locale`` names other languages
    (``check_html_lang``), and when py3langid is installed (it then discards a text its
    detector places in another language).
    """
    code = (language or "").replace("_", "-").split("-")[0].strip().lower()
    if LANGID_FLAG or code not in JUSTEXT_LANGUAGES or not check_html_lang(tree, code):
        return None
    return code
