"""The page's language for trafilatura's jusText fallback: one stop-word list, not all of them.

trafilatura's default and recall modes fall back to jusText on a short or unclean result (on the
dev sets 34 of 715 pages). Without a ``target_language`` jusText gets every language's
stop-word list (154,000 words: +27 MB peak RSS, measured on a German page of the metadata
set; built once, ~0.2 s CPU, then cached by jusText's ``define_stoplist``); with one, the few
hundred words of that language (re-read at each call).

Where jusText still needs every list (a page without a markup language, or one jusText has no
list for, such as Japanese), ``ALL_STOPWORDS`` stands in for trafilatura's all-language tuple: the
same words as 154,484 64-bit hashes in one sorted array (1.2 MB) instead of a tuple of strings
(13 MB) and jusText's lower-cased frozenset of them (16 MB, both held for the process's life).
On the modern dev set that one page without a language raised newsflow's peak RSS by 26 MB.
"""

from __future__ import annotations

import logging
import pkgutil
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

import justext.core
import justext.utils
import trafilatura.external
from justext.utils import get_stoplist, get_stoplists
from lxml.html import HtmlElement
from trafilatura.settings import JUSTEXT_LANGUAGES
from trafilatura.utils import LANGID_FLAG, check_html_lang

from newsflow.extract.content_paths import source_digest

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


# sha256 (hex) of jusText 3.0.2's utils.py, whose get_stoplist ``_lowered_words`` reads as it does
_JUSTEXT_UTILS = "82943f498d89a7937e41a291a33aab0af52a940e401caf195a26535056d47aed"


# Line breaks ``str.splitlines`` splits at and ``bytes.splitlines`` does not.
_STR_ONLY_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _lowered_words() -> Iterator[str]:
    """The words of every jusText stop-word list as jusText 3.0.2's ``get_stoplist`` gives
    them (each line of the list's file, decoded as UTF-8, lower-cased), list by list, a
    word repeated within a list kept. Without the frozenset ``get_stoplist`` builds of each
    list, and with the lines decoded and lower-cased by ``map`` rather than a generator, the
    all-language hashes cost a quarter less to build (0.12 -> 0.09 s CPU, measured on this
    machine). Lower-casing again, as jusText's ``define_stoplist`` does, changes no word:
    ``str.lower`` is idempotent (checked on every code point; a lower-cased string holds no
    capital sigma, the one context-dependent mapping).

    Each file is decoded and lower-cased whole, then split, not line by line: the same words
    (UTF-8 cannot hold a line break inside a character, and the context of a final sigma ends
    at a line break, which is neither cased nor case-ignorable), the hashes built in 0.061 s
    CPU instead of 0.085 (the 100 lists, measured on this machine). A file holding a break
    only ``str.splitlines`` knows (form feed, U+2028, ...) is split as bytes, as jusText does.
    """
    for language in sorted(get_stoplists()):
        lines = pkgutil.get_data("justext", f"stoplists/{language}.txt")
        if lines is None:  # a loader that cannot read package data: jusText's own reader
            yield from get_stoplist(language)
            continue
        text = lines.decode()
        if any(mark in text for mark in _STR_ONLY_BREAKS):
            yield from map(str.lower, map(bytes.decode, lines.splitlines()))
        else:
            yield from text.lower().splitlines()


class AllStopwords:
    """Every jusText stop-word list, lower-cased, as one membership test: ``word in ALL_STOPWORDS``.

    The words are those of trafilatura's all-language list (``jt_stoplist_init``) as jusText
    lower-cases them (``define_stoplist``); held as their ``hash()`` values (SipHash, 64 bits),
    sorted in one ``array`` of 154,484 8-byte items, built on the first look-up (~0.2 s CPU,
    as trafilatura's own list). A word outside the lists is taken for a stop word only if its
    hash equals one of theirs: about 154,484 / 2**64 (1e-14) per word. Iterating gives the
    words themselves, list by list, so jusText's own ``define_stoplist`` can still take it.
    The hashes are this process's: a pickled copy builds its own in the process it is read in.
    """

    def __init__(self) -> None:
        self._hashes: array[int] | None = None

    def __bool__(self) -> bool:  # trafilatura builds its own list when this is falsy
        return True

    def __reduce__(self) -> tuple[type[AllStopwords], tuple[()]]:
        # Pickled without its hashes: ``hash()`` of a str differs from process to process
        # (PYTHONHASHSEED), so another process's hashes would match no word there.
        return AllStopwords, ()

    def __iter__(self) -> Iterator[str]:
        for language in sorted(get_stoplists()):
            yield from get_stoplist(language)

    def __contains__(self, word: object) -> bool:
        hashes = self._hashes
        if hashes is None:
            hashes = self._hashes = self._sorted_hashes()
        if not isinstance(word, str):
            return False
        key = hash(word)
        at = bisect_left(hashes, key)
        return at < len(hashes) and hashes[at] == key

    def _sorted_hashes(self) -> array[int]:
        # Sorted bucket by bucket on the top 8 bits, so no list of 154k ints (7 MB) is made.
        buckets = [array("q") for _ in range(256)]
        if source_digest((justext.utils,)) == _JUSTEXT_UTILS:
            keys: Iterable[int] = map(hash, _lowered_words())
        else:  # another jusText's lists, as its define_stoplist lower-cases them
            keys = (hash(word.lower()) for word in self)
        for key in keys:
            buckets[(key >> 56) + 128].append(key)
        hashes = array("q")
        for index, bucket in enumerate(buckets):
            hashes.extend(sorted(set(bucket)))
            buckets[index] = array("q")
        return hashes


ALL_STOPWORDS = AllStopwords()
# jusText's own, lru-cached: a frozenset of the lower-cased words
justext_define_stoplist = justext.core.define_stoplist


def _define_stoplist_keeping_ours(stoplist: object) -> object:
    """jusText's ``define_stoplist`` (a lower-cased frozenset), but ours as it is."""
    return stoplist if isinstance(stoplist, AllStopwords) else justext_define_stoplist(stoplist)


# trafilatura's try_justext takes JT_STOPLIST when set, and jusText's classify_paragraphs asks
# define_stoplist (a module global) for the set it tests words against.
trafilatura.external.JT_STOPLIST = ALL_STOPWORDS  # type: ignore[assignment]  # None until built
justext.core.define_stoplist = _define_stoplist_keeping_ours
