"""Credit and caption lines wherever they stand (issue 10): the seed article in other templates.

The seed article's 17 paragraphs (the copy ``cases/seed-putin-syria.json`` holds; see
``cases/README.md`` for its origin) are wrapped in page templates written here, modelled on
common publisher markup (WordPress ``wp-caption``, Arc-style ``<figure>`` with a credit span,
a Guardian-like "Photograph: .../Getty Images" caption, European regional papers, Japanese,
Korean and Chinese papers). Every template is invented (example-* sites, invented names).

Each page places one locale's photo and video credits ("Foto: dpa", "Fot. PAP", "写真：共同通信",
"사진=연합뉴스", ...) in one position: in a figcaption after the caption, in a WordPress caption,
in a ``<p class="credit">`` under an image, as a bare paragraph of its own, right after an
``<img>`` in the same paragraph or ``<div>``, or closing a caption paragraph (bare, or in an
``<em>`` after the image). Real sentences
naming the same agencies ("Reuters reported on Monday that ...", "Wie die dpa berichtete,
...") are put among the story's paragraphs. The body must be exactly the story's paragraphs
and those sentences, in order: every credit gone, every sentence kept.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsflow.extract import extract_article

CASES = Path(__file__).resolve().parent / "cases"
SEED: list[str] = json.loads((CASES / "seed-putin-syria.json").read_text(encoding="utf-8"))[
    "expect"
]["paragraphs"]
TITLE = "Putin Orders Russian Troops to Begin Withdrawing from Syria"
FETCHED = datetime(2017, 12, 12, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Locale:
    """A language's credit lines as its papers print them, a caption in it, and real
    sentences of its news that name an agency or a picture and must stay."""

    name: str
    lang: str
    chrome: str  # a key of CHROMES
    caption: str
    credits: tuple[str, ...]
    sentences: tuple[str, ...]


LOCALES = (
    Locale(
        "en-wire",
        "en",
        "wordpress",
        "Vladimir Putin addresses troops at the Khmeimim air base in Syria.",
        (
            "AP Photo",
            "AP Photo/Alexander Zemlianichenko",
            "(AP Photo/Alexander Zemlianichenko, Pool)",
            "Reuters",
            "REUTERS/Maxim Shemetov",
            "Getty Images",
            "AFP via Getty Images",
            "Photo: Alexander Zemlianichenko/AFP",
            "Xinhua/Alexander Zemlianichenko",
            "Handout/AFP",
            "Bloomberg",
        ),
        (
            "Reuters reported on Monday that the first units had already left the base.",
            "Reuters could not verify the footage.",
            "Getty Images declined to comment.",
        ),
    ),
    Locale(
        "en-arc",
        "en",
        "arc",
        "Vladimir Putin addresses troops at the Khmeimim air base in Syria.",
        (
            "Mikhail Klimentyev/Sputnik/AFP via Getty Images",
            "Sputnik/Mikhail Klimentyev/Kremlin via REUTERS",
            "EPA-EFE/Sergei Ilnitsky",
            "Sputnik via AP",
            "Image credit: Sputnik/Kremlin Pool",
            "Credit: Reuters",
            "Video: Reuters",
            "Video credit: AP",
            "Illustration: Dana Whitfield/The Example Dispatch",
            "Photo by Mikhail Klimentyev/Sputnik/AFP via Getty Images",
        ),
        (
            "AFP was the first to report the order, citing two officials.",
            "Photographs taken by the AP on Monday showed trucks leaving the base.",
            "Video footage aired by Reuters showed the convoy.",
        ),
    ),
    Locale(
        "en-guardian",
        "en",
        "guardian",
        "Vladimir Putin addresses troops at the Khmeimim air base in Syria.",
        (
            "Photograph: Mikhail Klimentyev/AFP/Getty Images",
            "Photograph: Sputnik/Reuters",
            "Photograph: Maxim Shemetov/Reuters",
            "Photograph: AP",
            "Composite: Example Design; Getty Images",
            "Illustration: Example Design",
            "PA Media",
            "Alamy",
            "Alamy Stock Photo",
            "© Reuters",
        ),
        (
            "Reuters said the withdrawal would take several months.",
            "Alamy, a picture library, was not involved.",
        ),
    ),
    Locale(
        "de",
        "de",
        "regional",
        "Wladimir Putin auf dem Stützpunkt Hmeimim in Syrien.",
        (
            "(Foto: dpa)",
            "Foto: dpa",
            "Bild: picture alliance / dpa",
            "Foto: picture alliance/dpa | Michael Kappeler",
            "Foto: IMAGO/ITAR-TASS",
            "Foto: Michael Kappeler/dpa",
            "Bild: Keystone",
            "Bildquelle: Reuters",
            "© dpa",
            "Video: dpa",
            "Grafik: dpa-infografik",
        ),
        (
            "Wie die dpa berichtete, soll der Abzug am Montag beginnen.",
            "Die Nachrichtenagentur Reuters meldete den Befehl zuerst.",
            "Das Foto zeigt den Stützpunkt Hmeimim.",
        ),
    ),
    Locale(
        "fr",
        "fr",
        "regional",
        "Vladimir Poutine sur la base de Hmeimim, en Syrie.",
        (
            "Photo : AFP",
            "Crédit photo : Mikhail Klimentyev / AFP",
            "© AFP",
            "(Photo AFP)",
            "Photo AFP",
            "AFP/Maxim Shemetov",
            "Crédits : Reuters",
            "Photo Reuters",
            "Vidéo : AFP",
            "Illustration : Jeanne Dupont",
        ),
        (
            "Selon l'AFP, le retrait doit commencer lundi.",
            "L'AFP n'a pas pu vérifier ces images.",
        ),
    ),
    Locale(
        "es",
        "es",
        "regional",
        "Vladímir Putin en la base de Hmeimim, en Siria.",
        (
            "Foto: EFE",
            "EFE/Sergei Ilnitsky",
            "Foto: Europa Press",
            "Fotografía: EFE",
            "Crédito: Reuters",
            "Imagen: Reuters",
            "(Foto: AFP)",
            "Vídeo: EFE",
            "Ilustración: Juana Pérez",
        ),
        (
            "Según EFE, la retirada comenzará el lunes.",
            "La agencia Reuters no pudo verificar el vídeo.",
        ),
    ),
    Locale(
        "it",
        "it",
        "regional",
        "Vladimir Putin nella base di Hmeimim, in Siria.",
        (
            "(Foto ANSA)",
            "Foto ANSA",
            "(foto Ansa)",
            "ANSA/Alessandro Di Meo",
            "Foto: LaPresse",
            "Foto Ansa/Epa",
            "Credit: Ansa",
            "Video: Ansa",
        ),
        (
            "Lo riferisce l'ANSA.",
            "Secondo la Reuters, il ritiro inizierà lunedì.",
        ),
    ),
    Locale(
        "nl",
        "nl",
        "regional",
        "Vladimir Poetin op de luchtmachtbasis Hmeimim in Syrië.",
        (
            "Foto: ANP",
            "Foto ANP",
            "ANP / Robin Utrecht",
            "Beeld: ANP",
            "Beeld: Reuters",
            "Foto: AFP",
            "Video: ANP",
        ),
        (
            "Dat meldt persbureau ANP.",
            "Volgens Reuters begint de terugtrekking maandag.",
        ),
    ),
    Locale(
        "pl",
        "pl",
        "regional",
        "Władimir Putin w bazie Hmeimim w Syrii.",
        (
            "Fot. PAP",
            "Fot. PAP/Leszek Szymański",
            "fot. Reuters",
            "Fot. Getty Images",
            "Zdjęcie: PAP",
            "Wideo: PAP",
        ),
        (
            "Jak podaje PAP, wycofanie rozpocznie się w poniedziałek.",
            "Agencja Reuters nie mogła zweryfikować nagrania.",
        ),
    ),
    Locale(
        "pt",
        "pt",
        "regional",
        "Vladimir Putin na base de Hmeimim, na Síria.",
        (
            "Foto: Agência Brasil",
            "Imagem: Reprodução",
            "Foto: Reprodução/Twitter",
            "Foto: Lusa",
            "(Foto: Reuters)",
            "Fotografia: Lusa",
            "Vídeo: Reuters",
        ),
        (
            "Segundo a Agência Brasil, a retirada começa na segunda-feira.",
            "A Reuters não conseguiu verificar as imagens.",
        ),
    ),
    Locale(
        "ru",
        "ru",
        "regional",
        "Владимир Путин на авиабазе Хмеймим в Сирии.",
        (
            "Фото: ТАСС",
            "Фото: РИА Новости",
            "© РИА Новости / Алексей Никольский",
            "Фото: Михаил Климентьев/ТАСС",
            "Фото: Reuters",
            "Видео: ТАСС",
        ),
        (
            "Как сообщает ТАСС, вывод войск начнется в понедельник.",
            "Фото было опубликовано в понедельник.",
        ),
    ),
    Locale(
        "tr",
        "tr",
        "regional",
        "Vladimir Putin, Suriye'deki Hmeymim Hava Üssü'nde.",
        (
            "Fotoğraf: AA",
            "Görsel: AA",
            "Fotoğraf: Reuters",
            "Foto: AA",
            "(AA)",
            "Video: DHA",
        ),
        (
            "AA'nın haberine göre çekilme pazartesi başlayacak.",
            "Reuters görüntüleri doğrulayamadı.",
        ),
    ),
    Locale(
        "ja",
        "ja",
        "asian",
        "シリアのフメイミム空軍基地を訪れたプーチン大統領。",
        (
            "写真：共同通信",
            "写真＝共同",
            "写真：ロイター",
            "（写真：AP）",
            "写真提供：時事通信",
            "動画：共同",
        ),
        (
            "共同通信によると、撤退は月曜日に始まる。",
            "ロイター通信は映像を確認できなかった。",
        ),
    ),
    Locale(
        "ko",
        "ko",
        "asian",
        "시리아 흐메이밈 공군기지를 방문한 푸틴 대통령.",
        (
            "사진=연합뉴스",
            "사진=AP 연합뉴스",
            "[사진=뉴스1]",
            "(사진=로이터)",
            "사진 = 뉴시스",
            "영상=연합뉴스",
        ),
        (
            "연합뉴스에 따르면 철수는 월요일에 시작된다.",
            "로이터 통신은 영상을 확인하지 못했다.",
        ),
    ),
    Locale(
        "zh",
        "zh",
        "asian",
        "普京在叙利亚赫梅米姆空军基地。",
        (
            "图片来源：新华社",
            "图/新华社",
            "（图片来源：路透社）",
            "新华社记者 李明 摄",
            "图片来源：视觉中国",
            "视频来源：新华社",
        ),
        (
            "据新华社报道，撤军将于周一开始。",
            "路透社未能核实该视频。",
        ),
    ),
    Locale(
        "sv",
        "sv",
        "regional",
        "Vladimir Putin på flygbasen Hmeimim i Syrien.",
        (
            "Foto: TT",
            "Foto: Jonas Ekströmer/TT",
            "Bild: TT",
            "Foto: AP/TT",
            "Video: TT",
        ),
        (
            "Det rapporterar TT.",
            "Enligt Reuters börjar tillbakadragandet på måndag.",
        ),
    ),
    Locale(
        "no",
        "no",
        "regional",
        "Vladimir Putin på flybasen Hmeimim i Syria.",
        (
            "Foto: NTB",
            "Foto: Heiko Junge / NTB",
            "Foto: Lise Åserud/NTB scanpix",
            "Foto: Reuters / NTB",
            "Illustrasjon: Kari Nordmann",
        ),
        (
            "Det melder NTB.",
            "Ifølge Reuters starter tilbaketrekningen mandag.",
        ),
    ),
    Locale(
        "da",
        "da",
        "regional",
        "Vladimir Putin på flybasen Hmeimim i Syrien.",
        (
            "Foto: Ritzau Scanpix",
            "Foto: Mads Claus Rasmussen/Ritzau Scanpix",
            "Arkivfoto: Ritzau Scanpix",
            "Foto: Reuters",
        ),
        (
            "Det oplyser Ritzau.",
            "Ifølge Reuters begynder tilbagetrækningen mandag.",
        ),
    ),
    Locale(
        "cs",
        "cs",
        "regional",
        "Vladimir Putin na letecké základně Hmeimim v Sýrii.",
        (
            "Foto: ČTK",
            "Foto: ČTK/Michal Kamaryt",
            "Ilustrační foto: ČTK",
            "Foto: Reuters",
            "Video: ČTK",
        ),
        (
            "Informovala o tom ČTK.",
            "Podle agentury Reuters začne stahování v pondělí.",
        ),
    ),
)


def _img(n: int) -> str:
    return f'<img src="https://cdn.example-news.net/img/{n}.jpg" alt="" width="800">'


# Where a credit stands, as markup: (image number, caption, credit) -> HTML.
POSITIONS: dict[str, Callable[[int, str, str], str]] = {
    # Guardian-like: the credit follows the caption in the figcaption's own text
    "figcaption": lambda n, cap, cr: (
        f'<figure class="element-image">{_img(n)}<figcaption>{cap} {cr}</figcaption></figure>'
    ),
    # Arc-style: caption and credit in spans of their own
    "figcaption-span": lambda n, cap, cr: (
        f'<figure class="inline-media">{_img(n)}<figcaption><span class="caption-text">{cap}'
        f'</span> <span class="credit">{cr}</span></figcaption></figure>'
    ),
    "wp-caption": lambda n, cap, cr: (
        f'<div id="attachment_{n}" class="wp-caption aligncenter">{_img(n)}'
        f'<p class="wp-caption-text">{cap} {cr}</p></div>'
    ),
    "p-credit": lambda n, cap, cr: f'<div class="image">{_img(n)}</div><p class="credit">{cr}</p>',
    "bare-paragraph": lambda n, cap, cr: f"<p>{cr}</p>",
    "after-img": lambda n, cap, cr: f"<p>{_img(n)}<br>{cr}</p>",
    "div-after-img": lambda n, cap, cr: f'<div class="media">{_img(n)}{cr}</div>',
    "em-caption-after-img": lambda n, cap, cr: f"<p>{_img(n)}<br><em>{cap} {cr}</em></p>",
    "caption-paragraph": lambda n, cap, cr: f"<p>{_img(n)}</p><p>{cap} {cr}</p>",
}

# Page chrome around the body: {lang}, {site}, {body}.
_HEAD = (
    '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    "<title>{title} – {site}</title>\n"
    '<meta property="og:type" content="article">\n'
    '<meta property="og:title" content="{title}">\n'
    '<script type="application/ld+json">{{"@context": "https://schema.org", "@type": '
    '"NewsArticle", "headline": "{title}", "datePublished": "2017-12-11T15:24:37Z", '
    '"author": {{"@type": "Person", "name": "Dana Whitfield"}}}}</script>\n</head>\n'
)
CHROMES = {
    "wordpress": _HEAD
    + '<body class="single single-post"><div id="page" class="site">'
    + '<header class="site-header"><p class="site-title"><a href="/">{site}</a></p>'
    + '<nav class="main-navigation"><ul><li><a href="/world/">World</a></li>'
    + '<li><a href="/politics/">Politics</a></li></ul></nav></header>'
    + '<main id="main"><article class="post type-post hentry">'
    + '<header class="entry-header"><h1 class="entry-title">{title}</h1>'
    + '<div class="entry-meta">By <a href="/author/dana/">Dana Whitfield</a></div></header>'
    + '<div class="entry-content">\n{body}\n</div>'
    + '<footer class="entry-footer"><span class="cat-links">Posted in World</span></footer>'
    + "</article></main>"
    + '<footer class="site-footer"><p>© 2017 {site}</p></footer></div></body></html>',
    "arc": _HEAD
    + '<body><div id="fusion-app"><header class="nav"><a href="/" class="logo">{site}</a>'
    + '<ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul>'
    + '</header><main><article class="article">'
    + '<h1 class="headline">{title}</h1><div class="byline">By Dana Whitfield</div>'
    + '<div class="article-body">\n{body}\n</div>'
    + '<div class="share-bar"><a href="#">Share</a></div></article>'
    + '<aside class="most-read"><h2>Most read</h2><ol><li><a href="/a">Markets slide as '
    + "oil climbs</a></li></ol></aside></main></div></body></html>",
    "guardian": _HEAD
    + '<body><div class="gu-page"><header><a href="/" class="logo">{site}</a></header>'
    + '<main><article><div class="content__head"><h1 itemprop="headline">{title}</h1>'
    + '<p class="byline">Dana Whitfield in Moscow</p></div>'
    + '<div class="content__article-body from-content-api" itemprop="articleBody">\n{body}\n'
    + "</div></article></main><footer><p>© 2017 {site}</p></footer></div></body></html>",
    "regional": _HEAD
    + '<body><div class="page"><div class="header"><a href="/" class="brand">{site}</a>'
    + '<ul class="nav"><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a>'
    + '</li></ul></div><div class="content"><div class="article">'
    + '<h1>{title}</h1><p class="author">Dana Whitfield</p>'
    + '<div class="article__body">\n{body}\n</div>'
    + '<div class="share"><a href="#">Facebook</a> <a href="#">X</a></div></div></div>'
    + '<div class="footer">© {site}</div></div></body></html>',
    "asian": _HEAD
    + '<body><div id="wrap"><div id="header"><a href="/">{site}</a></div>'
    + '<div id="container"><div class="article"><h1 class="title">{title}</h1>'
    + '<div id="articleBody" class="article-body">\n{body}\n</div></div>'
    + '<div class="ranking"><h2>Ranking</h2><ul><li><a href="/1">Markets slide as oil '
    + 'climbs</a></li></ul></div></div><div id="footer">© {site}</div></div></body></html>',
}


# A news agency's name alone also signs off a wire story's paragraph ("... the ministry said.
# (Reuters)"): after a caption's sentence it is not told from one, and the line stays
# (test_a_paragraph_signed_off_by_an_agency_stays). Alone on its line it is a credit.
SIGN_OFFS = frozenset(("Reuters", "Bloomberg", "(AA)"))


def _page(locale: Locale, position: str) -> tuple[str, list[str]]:
    """The page, and the body it must give: the seed's paragraphs with the locale's
    sentences among them. The first credit goes with the lead image above the story, the
    others each after a paragraph; the sentences stand after paragraphs 3, 8 and 13."""
    place = POSITIONS[position]
    if position in ("caption-paragraph", "em-caption-after-img"):
        names = [credit for credit in locale.credits if credit not in SIGN_OFFS]
    else:
        names = list(locale.credits)
    blocks = [place(0, locale.caption, html.escape(names[0]))]
    expected: list[str] = []
    credits = iter(names[1:])
    sentences = iter(locale.sentences)
    for i, paragraph in enumerate(SEED):
        blocks.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
        expected.append(paragraph)
        if i in (3, 8, 13):
            sentence = next(sentences, None)
            if sentence is not None:
                blocks.append(f"<p>{html.escape(sentence, quote=False)}</p>")
                expected.append(sentence)
        elif i < len(SEED) - 1:
            credit = next(credits, None)
            if credit is not None:
                blocks.append(place(i + 1, locale.caption, html.escape(credit)))
    assert next(credits, None) is None, "more credits than places for them"
    page = CHROMES[locale.chrome].format(
        lang=locale.lang,
        site=f"Example {locale.name.title()} News",
        title=TITLE,
        body="\n".join(blocks),
    )
    return page, expected


@pytest.mark.parametrize("position", sorted(POSITIONS))
@pytest.mark.parametrize("locale", LOCALES, ids=lambda locale: locale.name)
def test_credits_go_and_every_sentence_stays(locale: Locale, position: str) -> None:
    page, expected = _page(locale, position)
    url = f"https://www.example-{locale.name}-news.net/world/putin-syria-withdrawal"
    article = extract_article(page.encode("utf-8"), url, fetched_at=FETCHED)
    got = [" ".join(p.split()) for p in article.paragraphs]
    want = [" ".join(p.split()) for p in expected]
    extra = [p for p in got if p not in want]
    missing = [p for p in want if p not in got]
    assert (extra, missing) == ([], []), f"kept credits {extra}, lost sentences {missing}"
    assert got == want
