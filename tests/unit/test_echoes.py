"""The headline, byline and dateline a body extractor keeps at the edges of the body."""

from datetime import UTC, datetime

import pytest
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.echoes import drop_echoes, is_dateline

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
# A Korean story: eight paragraphs of the council's vote (our own text).
KO_STORY = "".join(
    f"<p>서울시의회는 {i}일 본회의를 열어 새 다리 건설 예산안을 통과시켰다. "
    "시민들의 의견을 반영해 설계를 바꾸기로 했다.</p>"
    for i in range(8)
)
KO_HEAD = (
    '<meta property="og:site_name" content="한빛일보">'
    '<meta property="og:title" content="한빛일보"><title>한빛일보</title>'
)


@pytest.mark.parametrize(
    "line",
    [
        "입력 2024.05.03 14:22 수정 2024.05.03 15:01",
        "2024년 5월 3일 오후 2시 22분",
        "2025年1月14日 01時28分 (1月14日 01時40分更新)",
        "20 Nisan 2026•Güncelleme: 20 Nisan 2026",
        "Updated July 10, 2019 at 1:18 p.m. EDT",
    ],
)
def test_a_line_that_is_only_a_dateline_is_one(line: str) -> None:
    assert is_dateline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Am 12. März 2024 stimmte der Rat mit 31 zu 12 Stimmen für die neue Brücke.",
        "In 2024 sales rose 5% to 12 million units, the company said.",
        "Paragraph 3 of the story tells the council's decision in plain words.",
        "2 hours",
    ],
)
def test_prose_with_dates_and_numbers_is_no_dateline(line: str) -> None:
    assert not is_dateline(line)


STORY = [f"Paragraph {i} of the story, in plain words." for i in range(4)]


def _dropped(line: str, title: str | None, authors: list[str]) -> bool:
    """Whether `drop_echoes` takes `line` off the top of a story's body."""
    return drop_echoes([line, *STORY], title, authors) == STORY


def test_author_lines_with_role_words_are_echoes_other_names_are_not() -> None:
    assert _dropped("박준석 기자 외 1명", None, ["박준석", "김태연"])
    assert _dropped("Von Nina Magoley", None, ["Nina Magoley"])
    assert _dropped("André Schmidt", None, ["André Schmidt"])
    assert not _dropped("André Schmidt sagte, die Schule bleibe offen.", None, ["André Schmidt"])
    assert not _dropped("Nina Magoley", None, [])


def test_title_echo_is_the_headline_with_a_site_suffix_not_a_kicker() -> None:
    title = "Feuerwehrleute sollen später in Pension"
    assert _dropped(f"{title} | wdr aktuell", title, [])
    # A kicker before the headline is kept: reference bodies often carry such lines.
    assert not _dropped(f"Landtag NRW: {title}", title, [])
    assert not _dropped(f"{title}, sagt die Landesregierung, und zwar schon ab 2026.", title, [])


def test_only_the_edges_are_looked_at_and_a_body_is_never_emptied() -> None:
    prose = [f"Paragraph {i} of the story, in plain words." for i in range(8)]
    middle = [*prose[:4], "2024-05-03 14:22", *prose[4:]]
    assert drop_echoes(middle, "Council approves the bridge", []) == middle
    assert drop_echoes(["2024-05-03 14:22"], None, []) == ["2024-05-03 14:22"]
    edged = ["2024-05-03 14:22", *prose, "Dana Whitlock"]
    assert drop_echoes(edged, None, ["Dana Whitlock"]) == prose


def test_korean_dateline_is_not_the_first_body_paragraph() -> None:
    # GIVEN a Korean page whose dateline is a paragraph of its own above the story, as on
    # the page of the fresh-user trial
    body = (
        "<article><h1>서울시의회, 새 다리 예산 통과</h1>"
        f"<p>입력 2024.05.03 14:22 수정 2024.05.03 15:01</p>{KO_STORY}</article>"
    )
    article = extract_article(
        news_page(KO_HEAD, body, "ko"), "https://www.hanbit.co.kr/news/1", fetched_at=FETCHED
    )
    # THEN the body opens with the story, and the dateline gives the publication time (KST)
    assert article.paragraphs[0].startswith("서울시의회는 0일")
    assert all("입력" not in p for p in article.paragraphs)
    assert article.published_at == datetime(2024, 5, 3, 5, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    "line",
    ["29 November 2018 | 20 January 2019", "02-751-1500", "| HD | THE HOME DEPOT INC. | 225.86 |"],
)
def test_bare_dates_phone_numbers_and_table_rows_are_no_datelines(line: str) -> None:
    # Found on the 2019 article-extraction dev set, where the reference keeps them.
    assert not is_dateline(line)


def test_a_long_headline_is_read_whole_when_the_edges_are_tested_together() -> None:
    # A headline of more words than a byline or dateline may hold: drop_echoes reads each
    # paragraph's words once for all three tests, as far as the longest of them needs.
    title = (
        "The council of the old harbour town votes to rebuild the broken sea wall "
        "before the winter storms return"
    )
    prose = [f"Paragraph {i} of the story, in plain words." for i in range(8)]
    echoed = f"{title} | Harbour Daily"
    longer = f"{title}, and the mayor says the work will take two years"
    assert drop_echoes([echoed, *prose], title, []) == prose
    assert drop_echoes([longer, *prose], title, []) == [longer, *prose]
