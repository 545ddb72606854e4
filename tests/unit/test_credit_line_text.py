"""Credit lines read by their text (issue 10): a line that is only a photo or video credit, and
a caption closed by one, in the languages of the development sets; sentences that name an
agency or a picture stay."""

import pytest

from newsflow.extract.credits import is_captioned_credit, is_credit_line, may_hold_credit

CREDIT_LINES = [
    # the wires and picture libraries, as they credit themselves
    "AP Photo",
    "AP Photo/Alexander Zemlianichenko",
    "(AP Photo/Alexander Zemlianichenko, Pool)",
    "REUTERS/Maxim Shemetov",
    "Sputnik/Mikhail Klimentyev/Kremlin via REUTERS",
    "Mikhail Klimentyev/Sputnik/AFP via Getty Images",
    "EPA-EFE/Sergei Ilnitsky",
    "Sputnik via AP",
    "PA Media",
    "Alamy Stock Photo",
    "© Reuters",
    # labelled, in each language
    "Photograph: Maxim Shemetov/Reuters",
    "Illustration: Dana Whitfield",
    "Video credit: AP",
    "(Foto: dpa)",
    "Bild: picture alliance / dpa",
    "Foto: picture alliance/dpa | Michael Kappeler",
    "Bildquelle: Reuters",
    "Grafik: dpa-infografik",
    "Quelle: AFP",
    "mit dpa",
    "Crédit photo : Mikhail Klimentyev / AFP",
    "Photo AFP",
    "Vidéo : AFP",
    "Fotografía: EFE",
    "Imagen: Reuters",
    "(Foto ANSA)",
    "Foto Ansa/Epa",
    "Beeld: ANP",
    "Fot. PAP/Leszek Szymański",
    "Zdjęcie: PAP",
    "Imagem: Reprodução",
    "Фото: Михаил Климентьев/ТАСС",
    "© РИА Новости / Алексей Никольский",
    "Fotoğraf: AA",
    "Görsel: AA",
    "(AA)",
    "写真：共同通信",
    "（写真：AP）",
    "（ロイター＝共同）",
    "사진=연합뉴스",
    "[사진=JTBC, 이매진아시아]",
    "图片来源：新华社",
    "新华社记者 李明 摄",
    "Foto: Jonas Ekströmer/TT",
    "Foto: Lise Åserud/NTB scanpix",
    "Arkivfoto: Ritzau Scanpix",
    "Ilustrační foto: ČTK",
    "Ảnh: TTXVN",
    "Nuotr.: ELTA",
    "Eltos nuotr.",
    "[사진출처=연합뉴스]",
    "(رويترز)",
    "Evan Vucci/Associated Press",  # AP's name written out
    "Screenshot: YouTube",
    "Foto/dpa",  # a lower-case agency after "/" is still a credit
    "Photo/iStock",
    "图/视觉中国",
]

SENTENCES = [
    "Reuters reported on Monday that the first units had already left the base.",
    "Reuters could not verify the footage.",
    "Getty Images declined to comment.",
    "Reuters, citing two officials, said 4,000 troops remain.",
    "Reuters/Ipsos poll shows the president ahead.",
    "Her lawyer said in an email to The Associated Press that she never meant harm.",
    "Photographs taken by the AP on Monday showed trucks leaving the base.",
    "Wie die dpa berichtete, soll der Abzug am Montag beginnen.",
    "Das Foto zeigt den Stützpunkt Hmeimim.",
    "Selon l'AFP, le retrait doit commencer lundi.",
    "Lo riferisce l'ANSA.",
    "Dat meldt persbureau ANP.",
    "Jak podaje PAP, wycofanie rozpocznie się w poniedziałek.",
    "Как сообщает ТАСС, вывод войск начнется в понедельник.",
    "AA'nın haberine göre çekilme pazartesi başlayacak.",
    "共同通信によると、撤退は月曜日に始まる。",
    "연합뉴스에 따르면 철수는 월요일에 시작된다.",
    "据新华社报道，撤军将于周一开始。",
    "这部电影在北京拍摄",  # "filmed in Beijing": 摄 closes a word, not a credit
    "Det melder NTB.",
    "Informovala o tom ČTK.",
    "Source: the 2024 census",  # a figure's source, not an agency
    "(Graphic: Global assets in 2019 - here)",  # a chart's name
    "| Camera | Sensor | Video | Price | Best For |",  # a table's header row
    "Pool",  # a heading: a common noun alone is no credit
    "Video: 4K/30p, FHD 120p for slow motion",  # a camera's spec
    "Photography: bring a camera with a wide lens.",  # a guide's list item
    # a label word paired by "/" with a common noun heads a list item or a heading
    "Photo/video submissions are welcome",
    "Video/audio sync issues",
    "Image/text alignment",
]


CAPTIONS = [
    "Vladimir Putin at the Khmeimim air base. Photograph: Maxim Shemetov/Reuters",
    "Vladimir Putin at the Khmeimim air base. AP Photo",
    "Vladimir Putin at the Khmeimim air base. Getty Images",
    "Wladimir Putin auf dem Stützpunkt Hmeimim in Syrien. (Foto: dpa)",
    "Los geht’s: Von Montag an für 49 Euro monatlich. Bild: Maximilian von Lachner",
    "Władimir Putin w bazie Hmeimim w Syrii. Fot. PAP/Leszek Szymański",
    "시리아 흐메이밈 공군기지를 방문한 푸틴 대통령 (사진=로이터)",
    "普京在叙利亚赫梅米姆空军基地。图片来源：新华社",
    "普京在叙利亚赫梅米姆空军基地（新华社记者 李明 摄）",
    "シリアを訪れたプーチン大統領（ロイター＝共同）",
    "Владимир Путин на авиабазе Хмеймим. © РИА Новости / Алексей Никольский",
]


@pytest.mark.parametrize("line", CREDIT_LINES)
def test_a_credit_alone_on_its_line_is_a_credit_line(line: str) -> None:
    assert is_credit_line(line)


# The body's own "source said in words" lines: its label words are labels here too.
SOURCE_LINES = ["Image from the March 2024 review", "Photos courtesy of the museum"]


@pytest.mark.parametrize("line", CREDIT_LINES + CAPTIONS + SOURCE_LINES)
def test_the_prefilter_never_hides_a_credit(line: str) -> None:
    # the body skips its credit tests on a line holding no label's, agency's or source's word
    assert may_hold_credit(line)


@pytest.mark.parametrize("line", SENTENCES)
def test_a_sentence_naming_an_agency_is_neither(line: str) -> None:
    assert not is_credit_line(line)
    assert not is_captioned_credit(line)


@pytest.mark.parametrize("line", CAPTIONS)
def test_a_caption_closed_by_a_credit_is_one(line: str) -> None:
    assert is_captioned_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        # a wire story's paragraph signs off with the agency alone: it stays
        "The talks resume on Monday, the ministry said. (Reuters)",
        "The talks resume on Monday. Reuters",
        "Çekilmenin pazartesi başlayacağı bildirildi. (AA)",
        # or with two wires joined by "/": a sign-off still, no photographer named
        "Der Minister sprach am Montag mit Journalisten. (dpa/AFP)",
        "Der Minister sprach am Montag mit Journalisten. dpa/AFP",
        "The talks resume on Monday, the ministry said. (Reuters/AP)",
    ],
)
def test_a_paragraph_signed_off_by_an_agency_alone_stays(line: str) -> None:
    assert not is_captioned_credit(line)
