"""Language of a text when the page does not declare one: script, then stopwords."""

from __future__ import annotations

import re
from collections import Counter

# The most frequent function words; enough to tell the major news languages apart.
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for on with was said it as at by from he his be",
        "de": "der die und das ist nicht mit den von sich des auf für ein eine dem im auch wurde",
        "fr": "le la les et des est une un du que dans pour qui pas sur au par il avec a été",
        "es": "el la los las y que del en un una por con para es se no su al como más fue",
        "it": "il di che la e un una per non del della con sono alla anche nel gli le ha è",
        "pt": "o a os as de que e do da em um uma para com não no na por mais foi são ao",
        "nl": "de het een en van is dat op te in niet met voor zijn er ook aan wordt door",
        "sv": "och att det som en är på av för med till den har inte om var ett jag",
        "da": "og at det som en er på af for med til den har ikke om var et jeg de",
        "no": "og at det som en er på av for med til den har ikke om var et jeg de",
        "pl": "i w nie na się z że do to jest jak o po co ale od przez dla jego",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en olan ama ne kadar",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke",
        "fi": "ja on ei se että oli hän kun mutta myös ovat tai kuin niin",
        "ru": "и в не на что с по как это он из за к но от о для его",
        "uk": "і в не на що з по як це він із за до але від про для його та",
    }.items()
}
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),  # kana is only Japanese
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 5000
_MIN_HITS = 5
_SCRIPT_SHARE = 0.2


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    if not letters:
        return None
    for pattern, lang in _SCRIPTS:
        if len(pattern.findall(sample)) > letters * _SCRIPT_SHARE:
            return lang
    words = Counter(w.casefold() for w in _WORD.findall(sample))
    scores = {
        lang: sum(count for word, count in words.items() if word in stops)
        for lang, stops in _STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= _MIN_HITS else None
