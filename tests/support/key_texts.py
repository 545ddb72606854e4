"""Texts that try the word keys of `extract/text.py` (written for these tests): soft hyphens
and zero-width marks inside words, sharp s, final sigma, dotted capital I, a j with caron, an
iota subscript, combining accents, ligatures, Roman numerals, superscripts, underscores,
digits, CJK and Hangul, punctuation and spacing of every kind."""

KEY_TEXTS = (
    "Tom &amp; Jerry, again!",
    "Ab\u00adstimmung mit\u200bten in der Stra\u00dfe, STRASSE",
    "zero\u200cwidth\u200djoiner\u2060word\ufeff",
    "ΟΔΥΣΣΕΥΣ και ΣΟΦΟΣ",
    "İstanbul'da DİKKAT ǰ ᾳ ΐ",
    "cafe\u0301 na\u00efve ﬁne Ⅻ ²",
    "snake_case 2024-11-30 12:30",
    "日本語のテキスト、韓国의 기사",
    " \t\n\u00a0\u3000 ",
    "",
)
