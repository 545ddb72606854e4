"""Publication dates from the visible dateline when the page has no machine-readable date."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.dateline import parse_dateline
from newsflow.extract.dates import parse_date

CASES = Path(__file__).parent.parent / "fixtures" / "cases"
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)


def hours(n: float) -> timezone:
    return timezone(timedelta(hours=n))


def page(dateline: str, lang: str = "en", head: str = "") -> bytes:
    body = f"<article><h1>Council approves the bridge</h1>{dateline}{STORY}</article>"
    return news_page(head, body, lang)


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        (
            "visible-date-12h-en.html",
            "https://www.example-daily.com/local/bridge-reopens-after-repairs",
            datetime(2019, 7, 10, 13, 18, tzinfo=hours(-4)),  # 17:18 UTC, as EDT
        ),
        (
            "visible-date-12h-ko.html",
            "https://www.example-ilbo.co.kr/news/articleView.html?idxno=123456",
            datetime(2019, 7, 10, 13, 18, tzinfo=hours(9)),
        ),
    ],
)
def test_handed_cases_read_the_12_hour_dateline(name: str, url: str, expected: datetime) -> None:
    article = extract_article((CASES / name).read_bytes(), url, fetched_at=FETCHED)
    assert article.published_at == expected
    # stored in UTC, as the handed cases give it (the page's wording stays in published_raw)
    assert article.published_at.utcoffset() == timedelta(0)
    assert article.provenance["published_at"] == "dateline"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # month names in the page's language, 24-hour clocks
        (
            "Veröffentlicht am 27. April 2024, 07:39 Uhr",
            "de",
            datetime(2024, 4, 27, 7, 39, tzinfo=hours(2)),
        ),
        # French: Paris's zone (summer time, UTC+2), as the French press mostly writes it
        ("Publié le 10 juillet 2019 à 13h18", "fr", datetime(2019, 7, 10, 13, 18, tzinfo=hours(2))),
        ("2019年7月10日 13時18分", "ja", datetime(2019, 7, 10, 13, 18, tzinfo=hours(9))),
        # zone abbreviations and numeric offsets win over the language's zone
        ("10 July 2019 1:18 PM CET", "de", datetime(2019, 7, 10, 13, 18, tzinfo=hours(1))),
        ("July 10, 2019 1:18 a.m. PDT", "en", datetime(2019, 7, 10, 1, 18, tzinfo=hours(-7))),
        ("2019.07.10 13:18 KST", "ko", datetime(2019, 7, 10, 13, 18, tzinfo=hours(9))),
        ("10.07.2019 13:18 +02:00", "fr", datetime(2019, 7, 10, 13, 18, tzinfo=hours(2))),
        # numeric orders by language
        ("05.04.2019", "tr", datetime(2019, 4, 5, tzinfo=UTC)),  # a day: its UTC midnight
        ("04/05/2019", "en", datetime(2019, 4, 5, tzinfo=UTC)),
        ("04/05/2019", "es", datetime(2019, 5, 4, tzinfo=UTC)),
        # relative forms against fetched_at
        ("3 hours ago", "en", FETCHED - timedelta(hours=3)),
        ("vor 2 Tagen", "de", FETCHED - timedelta(days=2)),
    ],
)
def test_dateline_forms(text: str, language: str, expected: datetime) -> None:
    reading = parse_dateline(text, language, FETCHED)
    assert reading is not None
    assert reading[0] == expected
    assert reading[0].utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text",
    ["15:25", "© 2019 Example Daily", "Page 3 of 12", "Published tomorrow at 9", "July 2031"],
)
def test_no_full_date_or_a_future_one_gives_none(text: str) -> None:
    assert parse_dateline(text, "en", FETCHED) is None


def test_updated_label_is_marked_and_published_is_preferred() -> None:
    updated = parse_dateline("Updated July 11, 2019 9:00 am EDT", "en", FETCHED)
    assert updated is not None and updated[1] is True
    html = page(
        '<p class="date">Updated July 11, 2019 9:00 am EDT</p>'
        '<p class="date">Published July 10, 2019 at 1:18 p.m. EDT</p>'
    )
    article = extract_article(html, "https://e.com/story", fetched_at=FETCHED)
    assert article.published_at == datetime(2019, 7, 10, 17, 18, tzinfo=UTC)


def test_markup_date_beats_the_dateline_and_the_dateline_beats_the_url_day() -> None:
    line = '<p class="date">Published July 10, 2019 at 1:18 p.m. EDT</p>'
    head = '<meta property="article:published_time" content="2019-07-10T17:00:00Z">'
    marked = extract_article(page(line, head=head), "https://e.com/a", fetched_at=FETCHED)
    assert marked.provenance["published_at"] == "article:published_time"
    url = "https://e.com/2019/07/10/bridge"
    dated = extract_article(page(line), url, fetched_at=FETCHED)
    assert dated.published_at == datetime(2019, 7, 10, 17, 18, tzinfo=UTC)


def test_a_dateline_on_another_day_than_the_url_is_a_teaser() -> None:
    teaser = '<p class="date">Published March 2, 2018 at 9:00 a.m. EST</p>'
    article = extract_article(page(teaser), "https://e.com/2019/07/10/b", fetched_at=FETCHED)
    assert article.published_at == datetime(2019, 7, 10, tzinfo=UTC)
    assert article.provenance["published_at"] == "url"


def test_dateline_after_the_fetch_is_rejected() -> None:
    html = page('<p class="date">Published July 10, 2025 at 1:18 p.m. EDT</p>')
    assert extract_article(html, "https://e.com/a", fetched_at=FETCHED).published_at is None


def test_data_attribute_of_a_javascript_page_is_a_dateline() -> None:
    html = page(
        '<div id="app" data-deploy-dt="2019.07.10 18:40" '
        'data-re-deploy-dt="2019.07.10 18:49"></div>',
        "ko",
    )
    article = extract_article(html, "https://e.co.kr/news/A1", fetched_at=FETCHED)
    assert article.published_at == datetime(2019, 7, 10, 18, 40, tzinfo=hours(9))
    assert article.provenance["published_at"] == "attribute:data-deploy-dt"


def test_zone_abbreviation_in_a_markup_date() -> None:
    assert parse_date("Fri Apr 28 19:20:36 CEST 2023") == datetime(
        2023, 4, 28, 17, 20, 36, tzinfo=UTC
    )
    assert parse_date("Wed, 10 Jul 2019 13:18:00 EDT") == datetime(2019, 7, 10, 17, 18, tzinfo=UTC)


def test_date_only_value_yields_to_a_timed_value_of_the_same_day() -> None:
    head = (
        '<meta property="article:published_time" content="2019-07-10">'
        '<meta name="date" content="2019-07-10T13:18:00+02:00">'
    )
    article = extract_article(page("", head=head), "https://e.com/a", fetched_at=FETCHED)
    assert article.published_at == datetime(2019, 7, 10, 11, 18, tzinfo=UTC)
    assert article.provenance["published_at"] == "meta:date"


def test_korean_dateline_with_two_labels_and_no_separator() -> None:
    # "입력" (published) and "수정" (modified) written one after the other, as Korean sites do
    value = parse_dateline("입력 2024.05.03 14:22 수정 2024.05.03 15:01", "ko", FETCHED)
    assert value == (datetime(2024, 5, 3, 14, 22, tzinfo=hours(9)), False, True)
    labelled = parse_dateline("기사입력 2024-05-03 14:22", "ko", FETCHED)
    assert labelled is not None and labelled[0] == datetime(2024, 5, 3, 5, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    "layout",
    [
        '<div class="builder-widget-container">{}</div>',  # a page builder's every block
        '<div class="content-area theme-x-sidebar">{}</div>',  # the column beside a sidebar
        '<form id="aspnetForm">{}</form>',  # a whole page inside one form
    ],
)
def test_a_dateline_in_a_layout_container_named_like_a_teaser_is_read(layout: str) -> None:
    # GIVEN the story, its headline and its dateline inside one container whose class or tag
    # names a widget, a sidebar or a form
    inner = '<h1>Council approves the bridge</h1><div class="post-date">July 27, 2025</div>' + STORY
    article = extract_article(
        news_page("", layout.format(inner)),
        "https://e.com/bridge",
        fetched_at=FETCHED.replace(year=2026),
    )
    # THEN it is the page's layout, not a teaser: the dateline is the date
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2025-07-27"


def test_a_dateline_in_a_real_teaser_beside_the_story_is_not_read() -> None:
    body = (
        "<article><h1>Council approves the bridge</h1>" + STORY + "</article>"
        '<div class="widget recent-posts"><div class="post-date">July 27, 2025</div></div>'
    )
    article = extract_article(news_page("", body), "https://e.com/bridge", fetched_at=FETCHED)
    assert article.published_at is None


@pytest.mark.parametrize("duration", ["6 min", "8 minutes", "5 min read"])
def test_a_reading_time_is_not_a_relative_date(duration: str) -> None:
    # GIVEN a page whose only "time" element shows how long the story takes to read
    article = extract_article(
        page(f'<div class="time">{duration}</div>'), "https://e.com/bridge", fetched_at=FETCHED
    )
    # THEN there is no date, not "six minutes before the fetch"
    assert article.published_at is None
    assert parse_dateline("3 hours ago", "en", FETCHED) is not None


_PLAIN_FORMS = [
    *(f"{m} {d}, 2025" for m in ("January", "Feb", "march", "SEPT", "Dec.") for d in ("1", "29")),
    *(f"{d} {m} 2024" for m in ("Nov", "February", "Mayo") for d in ("02", "30", "31")),
    *(f"Tuesday, 19 Nov 2019{t}" for t in ("", ", 9:02 AM", " 11:34 pm", " 13:05", " 13:05 pm")),
    "Feb 29, 2023",  # no such day
    "05.04.2025",
    "2025-02-12 7:05:09",
    # ISO 8601's "T": read here after a year first only, without a zone (the rest: dateparser)
    *(
        f"{date}T{clock}"
        for date in ("2022-11-23", "2024-02-30", "2025.01.29", "23-11-2022", "11/23/2022")
        for clock in ("08:10", "23:59:07", "8:10", "08:10 pm", "08:10Z")
    ),
    *(f"2022-11-23{t}" for t in ("t08:10", "T00:00", "T12:00", "T24:00", "T08:61")),
    "2025.01.29 18:40",
    "12/11/2024",
    "31/10/2024 9:15 pm",
    "2024-02-30",
    "01/25/26",
    # two-digit years; a day/month order the page's cannot read (no 13th month); ordinal days
    *("25.12.23", "5.4.25", "01/12/26", "25/12/2024 10:00", "13.03.2024", "12/31/2024"),
    *("October 31st, 2023", "2nd March 2022 9:15 pm", "Sun, Jun 23rd 2024", "1th May 2024"),
    "6 pm",
    "15:25",
    "5",
    "00 am",
    # a clock before the date, between its day and year (C's asctime), or after it
    *(
        form.format(clock=clock, date=date)
        for form in ("{clock} {date}", "Sat {clock}, {date}", "{date}, {clock}")
        for clock in ("7:40 AM", "12:05 pm", "0:15 am", "19:02", "8:00:30 pm", "23:10 pm")
        for date in ("Mar 8, 2025", "8 March 2025", "Sept. 30 2024", "Feb 30, 2024")
    ),
    *(
        f"{day} {clock} 2024"
        for day in ("Thu Aug 1", "Aug 1", "1 Aug")
        for clock in ("06:09:11", "9:15 pm")
    ),
    # no year: no full date ("November 3" above a story, "Aug 1 9:15 pm")
    *(
        f"{wd}{day}{clock}"
        for wd in ("", "Mon, ")
        for day in ("Aug 1", "14 Nov")
        for clock in ("", " 9:15 pm")
    ),
    # weekdays dateparser knows and two it does not ("Thurs", "Weds": left to it)
    *(f"{wd} Jan 9, 2025" for wd in ("Thu", "Thursday,", "Thurs", "Weds", "Tues.", "sun")),
    # in brackets
    *(
        f"{o}{pad}{date}{pad}{c}"
        for o, c in ("[]", "()")
        for pad in ("", " ")
        for date in ("2024-03-05 08:07", "05.03.2024", "Mar 5, 2024", "7:40 AM Mar 5, 2024")
    ),
    "[2024-03-05] [08:07]",
]


@pytest.mark.parametrize(
    ("language", "region"), [("en", None), ("en", "GB"), ("de", None), ("tr", None), ("ko", None)]
)
def test_plain_datelines_read_without_dateparser_read_as_dateparser_reads_them(
    language: str, region: str | None
) -> None:
    # The plain forms dateline reads itself (to spare loading dateparser) must give what
    # dateparser gives; a form it leaves to dateparser is not compared.
    from newsflow.extract.dateline import _dateparser_parse, _read_plain, date_order

    base = FETCHED.replace(tzinfo=None)
    order = date_order(language, region)
    decided = 0
    for text in _PLAIN_FORMS:
        read, value = _read_plain(text, language, order, base.year)
        if read:
            decided += 1
            assert value == _dateparser_parse(text, language, order, base), text
    assert decided >= 5


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("9:05 PM Jan 3, 2025", "en", "2025-01-03T21:05:00"),
        ("Wed 7:15 am, 2 April 2025", "en", "2025-04-02T07:15:00"),
        ("Sun Mar 9 06:09:11 2025", "en", "2025-03-09T06:09:11"),
        ("( 2025.03.09 18:30 )", "ko", "2025-03-09T18:30:00"),
        ("[09.03.2025]", "de", "2025-03-09T00:00:00"),
        ("2022-11-23T08:10", "en", "2022-11-23T08:10:00"),
        ("2025.01.29T23:59:07", "de", "2025-01-29T23:59:07"),
        ("Jan 3", "en", None),
        ("Fri, 3 Jan 10:02 AM", "en", None),
    ],
)
def test_a_clock_before_or_inside_a_date_brackets_and_a_missing_year_are_read_here(
    text: str, language: str, expected: str | None
) -> None:
    from newsflow.extract.dateline import _read_plain, date_order

    read, value = _read_plain(text, language, date_order(language), FETCHED.year)
    # THEN it is decided here (naive, as dateparser gives it), or known to be no full date
    assert read
    assert (value.isoformat() if value else None) == expected


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Published July 10, 2019 at 1:18 p.m. EDT", "2019-07-10T17:18:00+00:00"),
        ("Fri 9:05 PM, Jan 3, 2020", "2020-01-03T21:05:00+00:00"),
        ("[ 2020-01-03 21:05 ] | Jan 3", "2020-01-03T21:05:00+00:00"),
    ],
)
def test_a_page_with_a_plain_dateline_never_loads_dateparser(dateline: str, expected: str) -> None:
    # GIVEN a page whose only date is a plain visible dateline
    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from support.pages import STORY, news_page\n"
        "from newsflow.extract import extract_article\n"
        "html = news_page('', '<article><h1>Council approves the bridge</h1>"
        f"<p class=\"date\">{dateline}</p>' + STORY + '</article>')\n"
        "fetched = datetime(2024, 6, 1, tzinfo=UTC)\n"
        "a = extract_article(html, 'https://e.com/a', fetched_at=fetched)\n"
        "print(a.published_at.isoformat(), 'dateparser' in sys.modules)\n"
    )
    tests = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tests
    )
    # THEN it is read, and dateparser (0.4 s of CPU and 7 MB to load) stayed unloaded
    assert done.stdout.split() == [expected, "False"]
