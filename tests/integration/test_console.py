"""The console (GET /console) behind the local API on moto, in a real headless browser
(Debian's chromium and its chromedriver, skipped without them): the page loads without a
key, takes the reader key once, lists the sources with their drift, opens an article with
its rights record and its versions side by side.

`NEWSFLOW_CONSOLE_SCREENSHOT=docs/console.png` saves the screenshot the docs show.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from api.helpers import NOW, Seeder
from support.aws_stack import BUCKET, TABLE, Stack
from test_local_api import API_KEY, local

from newsflow.local.api_gateway import LocalApi
from newsflow.models import Source
from newsflow.models.health import SourceDegraded
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository

__all__ = ["local"]  # the fixture, imported so pytest finds it here

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SOURCE = "daily"
FIRST_ID = f"{1:032x}"


def _seed(aws: Stack) -> None:
    DynamoSourceRepository(dynamodb_client(), TABLE).put(
        Source(id=SOURCE, name="The Daily", homepage="https://daily.example/"),
        now=NOW,
        create_only=True,
    )
    seeder = Seeder(BUCKET, TABLE)
    seeder.article(1, source=SOURCE, title="Harbour budget agreed", tdm_reservation=False)
    seeder.article(
        1,
        source=SOURCE,
        title="Harbour budget agreed after a late vote",
        body_text="Body text, updated.",
        tdm_reservation=False,
    )
    seeder.article(2, source=SOURCE, title="Ferry timetable changes")
    health = aws.ports.health
    assert health is not None
    for back, articles in enumerate([12, 10, 11, 9]):
        counters = {"pages": articles, "articles": articles, "filled:title": articles}
        counters |= {"filled:published_at": articles, "filled:language": articles - 1}
        counters["filled:authors"] = 1 if back == 0 else articles
        health.add(SOURCE, NOW.date() - timedelta(days=back), counters, {})
    assert health.claim_drift(
        SourceDegraded(
            source_id=SOURCE,
            field="authors",
            day=NOW.date(),
            baseline=1.0,
            observed=1 / 12,
            articles=12,
            sample_article_ids=[FIRST_ID],
        )
    )


def test_console_page_loads_without_a_key_and_names_nothing_outside(local: LocalApi) -> None:
    with urllib.request.urlopen(local.url + "/console", timeout=30) as response:  # noqa: S310 - loopback
        kind = response.headers["Content-Type"]
        page = response.read().decode("utf-8")
    assert kind.startswith("text/html")
    assert 'id="sources"' in page and "sessionStorage" in page  # script and markup inlined
    assert re.findall(r"(?:src|href)=[\"']?(?:https?:)?//", page) == []  # no CDN, no links out


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless chromium driven through the distribution's chromedriver."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip(
            "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console errors, failed loads
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _shown(browser: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, selector))


def _enter_key_and_check_overview(browser: Any, url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(url + "/console")
    form = browser.find_element(By.ID, "key-form")
    assert form.is_displayed()  # no key yet: the page asks for one
    browser.find_element(By.ID, "api-key").send_keys(API_KEY)
    form.submit()
    [row] = _shown(browser, f'#sources tr[data-source="{SOURCE}"]')
    assert "The Daily" in row.text
    assert row.find_elements(By.CSS_SELECTOR, "svg.spark polyline")
    assert row.find_element(By.CSS_SELECTOR, '[data-field="title"]').text == "100%"
    [drift] = _shown(browser, '#drift li[data-field="authors"]')
    assert SOURCE in drift.text and "8%" in drift.text and "baseline 100%" in drift.text
    listed = _shown(browser, "#articles li[data-article]")
    assert {li.get_attribute("data-article") for li in listed} == {FIRST_ID, f"{2:032x}"}


def _open_article_and_check_it(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, f'#articles li[data-article="{FIRST_ID}"] button').click()
    _shown(browser, "#versions th[data-version]")
    title = browser.find_element(By.ID, "article-title").text
    assert title == "Harbour budget agreed after a late vote"
    fields = browser.find_element(By.ID, "article-fields")
    assert fields.find_element(By.CSS_SELECTOR, 'tr[data-key="canonical_url"]')
    rights = browser.find_element(By.ID, "article-rights")
    assert "false" in rights.find_element(By.CSS_SELECTOR, 'tr[data-key="tdm_reservation"]').text
    assert browser.find_element(By.ID, "article-provenance")
    versions = browser.find_elements(By.CSS_SELECTOR, "#versions th[data-version]")
    assert [v.get_attribute("data-version") for v in versions] == ["1", "2"]
    changed = browser.find_elements(By.CSS_SELECTOR, "#versions tr td.changed")
    changed_rows = {c.find_element(By.XPATH, "..").get_attribute("data-field") for c in changed}
    assert {"title", "body_text"} <= changed_rows
    assert "article_id" not in changed_rows


def test_console_in_a_real_browser_lists_sources_drift_and_opens_an_article(
    aws: Stack, local: LocalApi, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    # GIVEN a source with four days of counters, a drift event and an article in two versions
    _seed(aws)
    # WHEN the page is loaded without a key and given one
    # THEN it lists the source (sparkline, fill rates), its drift event and the articles
    _enter_key_and_check_overview(browser, local.url)
    # AND an opened article shows every field, provenance, rights and both versions
    _open_article_and_check_it(browser)
    # AND the key was entered once: kept in the tab's session storage across a reload
    key = browser.execute_script("return sessionStorage.getItem('newsflow.readerKey')")
    assert key == API_KEY
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert all(url.startswith(local.url) for url in loaded), loaded  # no CDN
    if target := os.environ.get("NEWSFLOW_CONSOLE_SCREENSHOT"):
        browser.execute_script("window.scrollTo(0, 0)")
        Path(target).write_bytes(browser.get_screenshot_as_png())
    browser.refresh()
    _shown(browser, f'#sources tr[data-source="{SOURCE}"]')
    assert not browser.find_element(By.ID, "key-form").is_displayed()
    # AND nothing went wrong on the way: no script error, no failed request (a favicon included)
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_console_pages_the_latest_articles_and_links_an_article_by_its_address(
    aws: Stack, local: LocalApi, browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # GIVEN more articles than one page of the listing holds (20)
    Seeder(BUCKET, TABLE).many(range(1, 24), source=SOURCE)
    browser.get(local.url + "/console")
    browser.find_element(By.ID, "api-key").send_keys(API_KEY)
    browser.find_element(By.ID, "key-form").submit()
    WebDriverWait(browser, 30).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#articles li[data-article]")) == 20
    )
    # WHEN "more" is clicked, THEN the next page follows the first, each article once, and
    # "more" goes when the listing has ended
    more = browser.find_element(By.ID, "more-articles")
    assert more.is_displayed()
    more.click()
    WebDriverWait(browser, 30).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#articles li[data-article]")) == 23
    )
    listed = browser.find_elements(By.CSS_SELECTOR, "#articles li[data-article]")
    assert [li.get_attribute("data-article") for li in listed] == [
        f"{n:032x}" for n in range(1, 24)
    ]
    assert not more.is_displayed()
    # AND an opened article is named in the address, which opens it again when loaded
    listed[-1].find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "article-title").text)
    address = browser.current_url
    assert address.endswith(f"/console#article={23:032x}")
    browser.get(local.url + "/console")
    browser.get(address)
    browser.refresh()
    WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "article-title").text)
    assert browser.find_element(By.ID, "article-title").text == "Story 23"
    # AND an address naming another article, typed or followed in the open console (the
    # page does not reload: only its #fragment changes), opens that one
    browser.get(local.url + f"/console#article={1:032x}")
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.ID, "article-title").text == "Story 1"
    )
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_console_lists_every_source_past_the_first_page(
    aws: Stack, local: LocalApi, browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # GIVEN more sources than one page of GET /sources holds (100)
    repository = DynamoSourceRepository(dynamodb_client(), TABLE)
    ids = [f"site-{n:03d}" for n in range(101)]
    for source_id in ids:
        source = Source(id=source_id, name=source_id, homepage="https://daily.example/")
        repository.put(source, now=NOW, create_only=True)
    # WHEN the console lists them, THEN every one has its row (it showed the first 100)
    browser.get(local.url + "/console")
    browser.find_element(By.ID, "api-key").send_keys(API_KEY)
    browser.find_element(By.ID, "key-form").submit()
    WebDriverWait(browser, 60).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#sources tr[data-source]")) >= 100
    )
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#drift li"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#sources tr[data-source]")
    assert [row.get_attribute("data-source") for row in rows] == ids
