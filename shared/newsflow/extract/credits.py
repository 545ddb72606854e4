"""Photo and video credit lines: a line that only says whose picture it is (pure).

A credit is not article text wherever it stands: in a figcaption, a ``<p class="credit">``,
a paragraph of its own or after an image (issue 10). The structural places are dropped by
class and tag elsewhere; this module reads the line itself, for the paragraphs no markup
marks. Two kinds of evidence, each from the press of the languages newsflow reads:

* an agency or picture library (``AGENCIES``), alone or with its photographer, pool or
  distributor joined by "/", "|", "via" or "=": "AP Photo", "Reuters", "AFP via Getty
  Images", "Mikhail Klimentyev/Sputnik/AFP via Getty Images", "Foto ANSA", "(AA)";
* a picture label (``LABELS``) and a short name after it: "Photo: .../AFP", "(Foto: dpa)",
  "Bild: ...", "Image credit: ...", "Fot. PAP", "写真：共同通信", "사진=연합뉴스",
  "图片来源：新华社".

A sentence that names an agency ("Reuters reported on Monday that ...", "Wie die dpa
berichtete, ...") is neither: a credit line holds nothing but the credit.

The lexicon and labels are those of the development sets' 22 languages and the big wires;
the house style of each (AP "AP Photo/Name", Reuters "REUTERS/Name", dpa "Foto: Name/dpa",
PAP "Fot. PAP/Name", Yonhap "사진=연합뉴스", Xinhua "新华社记者 Name 摄") is the agencies'
own published credit format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsflow.extract.text import word_key

# Agencies, pools and picture libraries whose name alone makes a credit line ("Reuters",
# "Getty Images", "(AA)"), by the press that prints them, comma-separated. Names of four
# letters or more are matched in any case ("REUTERS", "Ansa"); shorter ones as written or in
# capitals ("AP", "dpa", "DPA").
AGENCIES: dict[str, str] = {
    "wires": (
        "AP, Associated Press, AFP, EPA, EPA-EFE, Reuters, Xinhua, Bloomberg, Sputnik, TASS, "
        "ITAR-TASS, RIA Novosti, Anadolu, Anadolu Agency, UPI, PA, PA Media, PA Wire, Kyodo, "
        "Yonhap, Jiji, ANI, PTI, IANS"
    ),
    "libraries": (
        "Getty Images, Getty, Shutterstock, iStock, iStockphoto, Alamy, "
        "Alamy Stock Photo, NurPhoto, SOPA Images, LightRocket, Corbis, Unsplash, "
        "Pexels, Pixabay, Wikimedia Commons"
    ),
    "de": (
        "dpa, dpa-infografik, picture alliance, picture-alliance, Imago, Keystone, "
        "APA, KNA, epd, ddp, Ullstein, Sven Simon, Funke Foto Services"
    ),
    "fr": "MAXPPP, Sipa, Sipa Press, ABACA, Belga, Hans Lucas",
    "es": "EFE, Agencia EFE, Europa Press, Cordon Press, Notimex",
    "it": "ANSA, LaPresse, Imagoeconomica",
    "nl": "ANP, Hollandse Hoogte",
    "pl": "PAP, East News, Agencja Gazeta",
    "pt": "Lusa, Agência Brasil, Folhapress, Estadão Conteúdo, Agência O Globo",
    "ru": "ТАСС, ИТАР-ТАСС, РИА Новости, Интерфакс, Sputnik",
    "tr": "AA, DHA, İHA, Anadolu Ajansı",
    "ja": "共同通信, 時事通信, 共同, 時事, ロイター",
    "ko": "연합뉴스, 뉴스1, 뉴시스, 로이터, AP, EPA",
    "zh": "新华社, 中新社, 路透社, 美联社, 法新社, 视觉中国, 中央社",
    "sv": "TT, Scanpix",
    "no": "NTB, NTB scanpix, Scanpix",
    "da": "Ritzau, Ritzau Scanpix, Scanpix",
    "cs": "ČTK, Profimedia, Profimedia.cz",
    "vi": "TTXVN",
    "lt": "ELTA, BNS",
    "ar": "رويترز, فرانس برس, أ ف ب, الأناضول",
}

# Sources that make a credit only after a label, as the words are also common nouns or
# headings ("Pool", "Handout", "Reprodução" - a reproduced image in Brazilian credits):
# "Foto: Reprodução", "Foto Archiv".
SOURCES = "Pool, Handout, Reprodução, Divulgação, Archiv, Archive"

# Picture labels, by language, comma-separated; each is matched in any case, and a
# "credit"/"source" word may follow it ("Photo credit", "Crédit photo", "Image source").
# Not the names of crafts that also head a guide's list items ("Photography: bring a
# camera."), though magazines credit so too.
LABELS: dict[str, str] = {
    "en": (
        "photo, photos, photograph, photographs, image, images, picture, pictures, video, "
        "illustration, credit, credits, main image, top image, header image, lead image, "
        "screenshot"
    ),
    "de": (
        "foto, fotos, bild, bilder, bildquelle, fotoquelle, archivfoto, archivbild, "
        "symbolfoto, symbolbild, titelbild, illustration"
    ),
    "fr": "crédit, crédits, vidéo, photo d'illustration, image d'archives",
    "es": "foto, fotografía, fotografías, imagen, crédito, vídeo, ilustración",
    "it": "foto, immagine, illustrazione",
    "nl": "foto, beeld, illustratie",
    "pl": "fot., fot, foto, zdjęcie, zdj., wideo, ilustracja",
    "pt": "foto, fotografia, imagem, vídeo, ilustração, crédito",
    "ru": "фото, видео, иллюстрация, изображение, кадр",
    "tr": "fotoğraf, foto, görsel, resim",
    "ja": "写真, 写真提供, 動画, 映像, 画像, イラスト, 提供",
    "ko": "사진, 사진 제공, 사진제공, 사진출처, 영상",
    "zh": "图片来源, 图片, 图, 视频来源, 摄影, 圖片來源, 圖片, 圖",
    "sv": "foto, bild, illustration",
    "no": "foto, bilde, illustrasjon",
    "da": "foto, arkivfoto, illustration",
    "cs": "foto, ilustrační foto, ilustrace, snímek",
    "vi": "ảnh",
    "hi": "फोटो, फ़ोटो, तस्वीर",
    "ar": "صورة, تصوير",
    "lt": "nuotr., nuotrauka",
    "is": "mynd, ljósmynd",
    "sw": "picha",
}
# Labels that make a credit only before an agency ("Grafik: dpa", "Quelle: AFP", "mit dpa"),
# as they also head other lines: Reuters' "(Graphic: Global assets in 2019 - here)" names a
# chart, "Source: the 2024 census" a figure's source.
SOURCE_LABELS = (
    "graphic, graphics, composite, grafik, grafika, infografik, 그래픽, source, "
    "sources, quelle, quellen, mit, fuente, fonte, bron, kilde, källa, zdroj, "
    "źródło, kaynak, 출처, 出典, 来源, 來源"
)
# Words after a label that keep it a label: "Photo credit", "Crédit photo", "Image source".
_LABEL_TAILS = r"credits?|sources?|courtesy|photo|foto|de\s+archivo|d'archives|提供|출처"


def _names(*lists: str) -> list[str]:
    """The names of comma-separated lists, in order."""
    return [name.strip() for text in lists for name in text.split(",")]


def _alternation(names: Iterable[str]) -> str:
    """One regex alternation of ``names``, longest first, spaces matching any white space."""
    escaped = (re.escape(name).replace(r"\ ", r"\s+") for name in set(names))
    return "|".join(sorted(escaped, key=len, reverse=True))


def _cased(names: Iterable[str]) -> str:
    """``names`` as an alternation: those of four letters or more in any case ("REUTERS",
    "Ansa"), shorter ones as written or in capitals ("AP", "dpa", "DPA"), as "ap" or "Aa"
    are words of their own."""
    names = set(names)
    short = {variant for name in names if len(name) < 4 for variant in (name, name.upper())}
    folded = [name for name in names if len(name) >= 4]
    parts = [_alternation(short)] if short else []
    return "|".join([*parts, rf"(?i:{_alternation(folded)})"])


_AGENCY = rf"(?:{_cased(_names(*AGENCIES.values()))})"
_LIBRARY = rf"(?:{_cased(_names(AGENCIES['libraries']))})"
_SOURCE = rf"(?:{_AGENCY}|(?i:{_alternation(_names(SOURCES))}))"
# An agency's own suffix: "AP Photo", "Getty Images", "Kremlin Pool", "Reuters TV".
_SUFFIX = r"(?:\s+(?:Photos?|Images|Pool|Wire|Handout|Media|TV|Video|scanpix|Scanpix))"
_LABEL = (
    rf"(?i:(?:{_alternation(_names(*LABELS.values()))})"
    rf"(?:\s+(?:{_LABEL_TAILS}))?)"
)
_SOURCE_LABEL = rf"(?i:{_alternation(_names(SOURCE_LABELS))})"
# A name beside the agency: a photographer, a pool, a distributor (up to five words), each
# word capitalised (or of a script without case) or a particle ("Photo by", "van", "de"): a
# sentence's lower-case words end it ("Reuters/Ipsos poll shows ...").
_LOWER_AGENCY = _alternation(name for name in _names(*AGENCIES.values()) if name[0].islower())
_NAME_WORD = (
    r"(?>[^\W_a-zß-öø-ÿа-яё][\w'’&.-]*"
    rf"|(?:{_LOWER_AGENCY}|by|van|von|der|den|de|da|di|del|du|dos|le|la)\b)"
)
_NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}+"
# What joins a credit's names: "/", "|", "via", ";" ("Composite: Studio Name; Getty Images"),
# and "=" in East Asian credits ("ロイター＝共同").
# Not a comma: "Reuters, citing two officials, said ..." is a sentence. A name's words and a
# join are atomic, and a name takes all its words: the spaces around a join are read one way
# only, and no name stops inside a word or before its last word: a line that fails is
# given up sooner.
_JOIN = r"(?>\s*(?:/|\||;|=|＝|(?<=\s)(?i:via)\s)\s*)"
# A label and what follows it: a separator ("Foto:", "사진=", "图/", "Fot.") and a name with
# no sentence's end, not opening with a digit ("Video: 4K/30p" is a camera's spec), or an
# agency with no separator ("Photo AFP", "Foto ANSA"). After "/" no lower-case word but an
# agency's: "Foto/dpa", "图/视觉中国" credit, "Photo/video submissions" pairs two nouns.
_SEPARATOR = (
    r"\s*[:：=＝]\s*|(?<=\.)\s*"
    rf"|\s*/\s*(?!(?!{_LOWER_AGENCY})[a-zß-öø-ÿа-яё])"
)
_NO_SENTENCE_END = r"(?:[^.!?。！？]|(?<=\b[A-Z])\.|\.(?=\w))"
# "by" after a label, then a capitalised name: "Photo by Jane Doe", "Foto di Paolo Neri",
# "Foto de Ana Ruiz", "Photo de Luc Bernard"; "Foto di gruppo" (a group photo) is a noun.
_BY = r"\s+(?i:by|di|de|par|por)\s+"
_LABELLED = (
    rf"{_LABEL}(?:(?:{_SEPARATOR})(?![\s\d]){_NO_SENTENCE_END}{{1,60}}"
    rf"|{_BY}{_NAME}(?:{_JOIN}{_NAME}){{0,3}}"
    rf"|\s+{_SOURCE}{_SUFFIX}*(?:{_JOIN}{_NAME}){{0,3}})"
    rf"|{_SOURCE_LABEL}(?:\s*[:：]\s*|\s+)(?:{_NAME}{_JOIN}){{0,3}}{_SOURCE}{_SUFFIX}*"
    rf"(?:{_JOIN}{_NAME}){{0,3}}"
)
# AP's note after the photographer: "(AP Photo/Name, File)", "(AP Photo/Name, Pool)".
_NOTE = r"(?:,\s*(?i:pool|file|handout))?"
# An agency with its names around it: "AP Photo/Name", "Name/AFP via Getty Images".
_AGENCY_CREDIT = (
    rf"(?:{_NAME}{_JOIN}){{0,3}}{_AGENCY}(?:-\w+)?{_SUFFIX}*(?:{_JOIN}{_NAME}){{0,3}}{_NOTE}"
)
# Xinhua's "新华社记者 李明 摄" (photographed by its reporter Li Ming), and any "Name 摄"; the
# Lithuanian label after the name ("Eltos nuotr.", "BNS nuotr.").
_SHOT_BY = rf"(?:[\w·]{{1,12}}\s*)?(?:记者)?\s*[\w·]{{1,12}}\s+摄|{_NAME}\s+(?i:nuotr\.)"

_CREDIT_LINE_RE = re.compile(
    rf"[\W_]*(?:©\s*)?(?:{_LABELLED}|{_AGENCY_CREDIT}|{_SHOT_BY})[\W_]*",
)
# A credit that can close a caption: labelled, or an agency with a name joined to it, or
# "AP Photo", "© AFP", a picture library - not a lone news agency's name, which also signs
# off a wire story's paragraph ("... the ministry said. (Reuters)").
_STRONG_CREDIT = (
    rf"(?:©\s*{_NAME}(?:{_JOIN}{_NAME}){{0,3}}|{_LABELLED}|{_SHOT_BY}|{_LIBRARY}{_SUFFIX}?"
    rf"|(?:{_NAME}{_JOIN}){{1,3}}{_AGENCY}{_SUFFIX}*(?:{_JOIN}{_NAME}){{0,3}}"
    rf"|{_AGENCY}(?:{_SUFFIX}+(?:{_JOIN}{_NAME}){{0,3}}|(?:{_JOIN}{_NAME}){{1,3}})){_NOTE}"
)
# A caption ending in its credit: "Putin at the air base. Photo: AFP", "... in Syrien.
# (Foto: dpa)", "... 대통령 (사진=로이터)", "...プーチン大統領（ロイター＝共同）"; not a
# wires' sign-off.
# Wires alone joined by "/" sign a wire story's paragraph off ("... am Montag. (dpa/AFP)"):
# no photographer, no picture library, no label.
_WIRE = rf"(?:{_cased(_names(*(v for k, v in AGENCIES.items() if k != 'libraries')))})"
_WIRES_SIGNOFF = rf"{_WIRE}(?:\s*/\s*{_WIRE})+[\W_]*$"
_CAPTION_CREDIT_RE = re.compile(
    rf"(?:[.!?。！？]\s*[(\[（【]?|\s[(\[（【]|[（【]|\s[–—]\s)\s*(?!{_WIRES_SIGNOFF})"
    rf"{_STRONG_CREDIT}[\W_]*$"
)
# Every word that begins a label, an agency or a source, lower-case, and Xinhua's "摄": a
# credit holds one as a word of its own, and most lines hold none and skip the patterns
# (``may_hold_credit``; a quarter of their cost on the development sets' lines).
_WORDS = frozenset(
    word
    for name in _names(*LABELS.values(), *AGENCIES.values(), SOURCE_LABELS, SOURCES, "摄")
    for word in word_key(name).split()[:1]
)
# The longest credit line and captioned credit read, in characters. A credit is a few words:
# 90 holds the longest of the golden cases' ("Photo by Mikhail Klimentyev/Sputnik/AFP via
# Getty Images", 57); a caption of 240 is two or three sentences.
CREDIT_LINE_MAX_CHARS = 90
CAPTION_MAX_CHARS = 240


def may_hold_credit(line: str) -> bool:
    """Whether ``line`` holds "©" or a word that begins a label, an agency or a source
    (``_WORDS``): neither test below holds for a line that does not, so a caller may skip
    them; the line's word key is cached, and most lines the body filters were keyed before."""
    return "©" in line or not _WORDS.isdisjoint(word_key(line).split())


def is_credit_line(line: str) -> bool:
    """Whether ``line`` (one paragraph's text) is only a photo or video credit: an agency with
    its names, or a picture label with a short name (module docstring); at most
    ``CREDIT_LINE_MAX_CHARS`` characters."""
    return len(line) <= CREDIT_LINE_MAX_CHARS and _CREDIT_LINE_RE.fullmatch(line) is not None


def is_captioned_credit(line: str) -> bool:
    """Whether ``line`` is a caption that ends in a labelled or named credit ("... in Syria.
    Photograph: Name/Reuters", "... 대통령 (사진=로이터)"); at most ``CAPTION_MAX_CHARS``
    characters. A lone agency name at a paragraph's end is not enough: wire copy signs off so."""
    return len(line) <= CAPTION_MAX_CHARS and _CAPTION_CREDIT_RE.search(line) is not None
