"""`newsflow upload` on moto: it reports the version that holds the page it uploaded, not
whatever version of that article happened to be stored before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.aws_stack import BUCKET, Stack, article_html

from newsflow.cli import main
from newsflow.models import Source
from newsflow.services.process_object import Status, process_object
from newsflow.storage.clients import s3_client
from newsflow.wiring import source_repository

URL = "https://news.example.com/harbour-bridge"


def _upload(
    capsys: pytest.CaptureFixture[str], page: Path, *, wait: str
) -> tuple[int, str, str, str]:
    status = main(["upload", str(page), "--url", URL, "--wait", wait])
    captured = capsys.readouterr()
    key = captured.out.splitlines()[0].removeprefix(f"uploaded s3://{BUCKET}/")
    return status, key, captured.out, captured.err


def _process(aws: Stack, key: str) -> Status:
    result = process_object(BUCKET, key, aws.ports, max_bytes=10 * 1024 * 1024, lease_seconds=90)
    return result.status


def _stored_page(aws: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Upload the fixture article and process it: version 1 holds it in full."""
    page = tmp_path / "page.html"
    page.write_bytes(article_html())
    _, first, _, _ = _upload(capsys, page, wait="0")
    assert _process(aws, first) is Status.INGESTED
    return page


def test_upload_waits_for_the_version_holding_its_page(
    aws: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _stored_page(aws, tmp_path, capsys)

    # GIVEN the same page again: processing will find nothing new, so it says so at once
    status, _, out, err = _upload(capsys, page, wait="5")
    assert status == 0
    assert "unchanged: already stored as version 1" in out
    assert "waiting" not in err

    # GIVEN a changed page that nothing processes: version 1 is not its version
    page.write_bytes(article_html(extra="<p>The council added a second closure in May.</p>"))
    status, changed, out, _ = _upload(capsys, page, wait="0.6")
    assert status == 1
    assert "not stored after 0.6 s" in out
    assert "stored as version" not in out

    # WHEN it is processed, THEN that content is version 2, and an upload of it says so
    assert _process(aws, changed) is Status.UPDATED
    status, _, out, _ = _upload(capsys, page, wait="5")
    assert status == 0
    assert "unchanged: already stored as version 2" in out


def test_upload_of_a_teaser_for_an_article_held_in_full_says_so_at_once(
    aws: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN the article stored in full
    page = _stored_page(aws, tmp_path, capsys)
    # AND the same article as a paywalled teaser: declared not free, one paragraph shown
    full = article_html().decode()
    teaser = full.replace('"headline"', '"isAccessibleForFree": false, "headline"')
    teaser = teaser[: teaser.index("<p>Engineers")] + "</article></body></html>"
    page.write_text(teaser, encoding="utf-8")
    # WHEN it is uploaded, THEN it says at once that the full text stays (it used to wait
    # out --wait, then ask whether the runner was up)
    status, key, out, err = _upload(capsys, page, wait="30")
    assert status == 0
    assert "kept: version 1 holds the full text; a paywalled teaser does not replace it" in out
    assert "waiting" not in err
    assert _process(aws, key) is Status.STALE  # as processing decides it


def test_upload_of_a_page_over_the_size_limit_is_refused_before_it_is_sent(
    aws: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a page one byte over the limit processing takes (10 MiB: NEWSFLOW_MAX_OBJECT_BYTES)
    page = tmp_path / "huge.html"
    page.write_bytes(article_html() + b" " * (10 * 1024 * 1024 + 1 - len(article_html())))
    # WHEN it is uploaded
    status = main(["upload", str(page), "--url", URL, "--wait", "0"])
    captured = capsys.readouterr()
    # THEN it is refused with the limit and the setting that changes it, and nothing was sent
    # (it went to S3, where processing recorded it as rejected `too_large`)
    assert status == 2
    assert captured.out == ""
    assert captured.err == (
        f"newsflow upload: {page}: 10485761 bytes, over the limit of 10485760 bytes a page may "
        "have (NEWSFLOW_MAX_OBJECT_BYTES, set for the functions in template.yaml): "
        "not uploaded\n"
    )
    assert aws.keys("uploads/") == []


def test_upload_under_an_unregistered_source_is_refused_and_a_registered_one_is_filed(
    aws: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN one registered source
    source_repository().put(
        Source(id="harbour-herald", name="Harbour Herald", homepage="https://news.example.com/"),
        now=datetime.now(UTC),
        create_only=True,
    )
    page = tmp_path / "page.html"
    page.write_bytes(article_html())
    # WHEN a page is uploaded under a name no source has (a typo), THEN it is refused in one
    # line, and nothing is sent (it was filed under the typo, which then showed in the
    # runner's table as a source of its own)
    status = main(["upload", str(page), "--url", URL, "--source", "harbour-herlad", "--wait=0"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith("newsflow upload: no source 'harbour-herlad' is registered")
    assert len(captured.err.splitlines()) == 1
    assert aws.keys("uploads/") == []
    # AND under the registered one it is uploaded and filed under it
    status = main(["upload", str(page), "--url", URL, "--source", "harbour-herald", "--wait=0"])
    assert status == 0
    (key,) = aws.keys("uploads/")
    assert s3_client().head_object(Bucket=BUCKET, Key=key)["Metadata"]["source"] == (
        "harbour-herald"
    )
