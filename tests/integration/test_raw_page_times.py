"""The fetch time of a raw page object: written in the table's one time format, and the
isoformat spelling older objects hold still read (S3 metadata `fetched-at`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from support.aws_stack import BUCKET, Stack

from newsflow.models.raw_page import RawPage
from newsflow.storage.clients import s3_client
from newsflow.storage.raw_pages import S3RawPageStore
from newsflow.storage.table import stamp

FETCHED = datetime(2026, 11, 20, 8, 30, 5, 120000, tzinfo=UTC)


def test_fetched_at_is_written_as_the_table_stamp_and_reads_back_equal(aws: Stack) -> None:
    page = RawPage(body=b"<p>x</p>", url="https://example.com/a", fetched_at=FETCHED)
    S3RawPageStore(s3_client(), BUCKET).put_raw("raw/example/a.html.gz", page)
    head = s3_client().head_object(Bucket=BUCKET, Key="raw/example/a.html.gz")
    assert head["Metadata"]["fetched-at"] == "2026-11-20T08:30:05.120000Z" == stamp(FETCHED)
    stored = aws.ports.objects.get_page("raw/example/a.html.gz", max_bytes=1000)
    assert stored is not None
    assert stored.fetched_at == FETCHED


def test_an_older_objects_isoformat_with_an_offset_still_reads(aws: Stack) -> None:
    older = datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    aws.put_page("raw/example/old.html", b"<p>x</p>", fetched_at=older)
    stored = aws.ports.objects.get_page("raw/example/old.html", max_bytes=1000)
    assert stored is not None
    assert stored.fetched_at == older
    assert stored.fetched_at.astimezone(UTC) == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
