"""Is it an article? Page-level signals to an outcome with a reason a human can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from newsflow.models import Outcome, OutcomeKind

_APP_ROOT_IDS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "main-app"})
_PAYWALL = re.compile(r"paywall|subscriber-only|premium-(?:content|wall)|meter(?:ed)?-wall", re.I)
_PAYWALL_TEXT = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?"
    r"(?:subscribe|log in|sign in)|this (?:article|content) is (?:only )?(?:available|reserved) "
    r"(?:to|for) (?:subscribers|members)|already a subscriber\?|"
    r"jetzt (?:weiterlesen|abonnieren)|réservé aux abonnés|exclusivo para suscriptores",
    re.I,
)
_JS_PROMPT = re.compile(r"enable javascript|javascript (?:is )?(?:required|disabled)", re.I)
_MIN_ARTICLE_WORDS = 60
_SHELL_MAX_WORDS = 40
_TEASER_MAX_WORDS = 300
_INDEX_LINK_DENSITY = 0.45
_INDEX_MAX_BODY_RATIO = 0.35


@dataclass(frozen=True)
class PageSignals:
    """What the whole page looks like, measured before boilerplate removal."""

    words: int
    link_words: int
    scripts: int
    app_root: bool
    js_prompt: bool
    paywall_marker: bool
    article_markup: bool  # JSON-LD article, og:type article or an <article> element

    @property
    def link_density(self) -> float:
        return self.link_words / self.words if self.words else 0.0


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def page_signals(tree: HtmlElement, article_markup: bool) -> PageSignals:
    """Measure the page; must run before the main-text extractor changes the tree."""
    body = tree.find("body")
    root = body if body is not None else tree
    words = link_words = 0
    js_prompt = paywall = False
    for element in root.iter():
        tag = element.tag
        if tag in {"script", "style", "template"} or not isinstance(tag, str):
            continue
        own = _words(element.text) + _words(element.tail if element is not root else None)
        if tag == "noscript":
            js_prompt = js_prompt or bool(_JS_PROMPT.search(element.text_content()))
            continue
        words += own
        if tag == "a":
            link_words += _words(element.text_content())
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        paywall = paywall or bool(_PAYWALL.search(marker))
    if not paywall:
        paywall = bool(_PAYWALL_TEXT.search(root.text_content()))
    app_root = any(element.get("id", "").lower() in _APP_ROOT_IDS for element in root.iter("div"))
    return PageSignals(
        words=words,
        link_words=link_words,
        scripts=sum(1 for _ in tree.iter("script")),
        app_root=app_root,
        js_prompt=js_prompt,
        paywall_marker=paywall,
        article_markup=article_markup or next(tree.iter("article"), None) is not None,
    )


def classify(signals: PageSignals, body_words: int, is_free: bool | None) -> Outcome:
    """The outcome of a page from its signals and the size of the extracted body."""
    shell = signals.scripts and (signals.app_root or signals.js_prompt)
    if shell and body_words < _SHELL_MAX_WORDS and signals.words < _SHELL_MAX_WORDS * 2:
        return Outcome(
            kind=OutcomeKind.NEEDS_RENDER,
            reason=f"{signals.words} words of page text and {signals.scripts} scripts: "
            "the content is rendered by JavaScript",
        )
    if (is_free is False or signals.paywall_marker) and body_words < _TEASER_MAX_WORDS:
        declared = "isAccessibleForFree=false" if is_free is False else "a paywall marker"
        return Outcome(
            kind=OutcomeKind.PAYWALLED_PARTIAL,
            reason=f"{declared} and only {body_words} words of body: a teaser",
        )
    if body_words < _MIN_ARTICLE_WORDS:
        return Outcome(
            kind=OutcomeKind.NOT_ARTICLE,
            reason=f"only {body_words} words of main text",
        )
    if (
        not signals.article_markup
        and signals.link_density > _INDEX_LINK_DENSITY
        and body_words < signals.words * _INDEX_MAX_BODY_RATIO
    ):
        return Outcome(
            kind=OutcomeKind.NOT_ARTICLE,
            reason=f"link density {signals.link_density:.2f} and no article markup: "
            "an index or link-list page",
        )
    return Outcome(kind=OutcomeKind.ARTICLE, reason=f"{body_words} words of main text")
