"""Re-extraction of stored pages, and the EventBridge publisher's batching, on moto."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from support.aws_stack import BUCKET, TABLE, CallCounter, Stack, article_html

from newsflow.cli import main
from newsflow.models import Source
from newsflow.models.events import ArticleRejected, EventType, ObjectPointer
from newsflow.services.ports import OutgoingEvent
from newsflow.services.process_object import Status, process_object
from newsflow.services.reprocess import reprocess
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.events import MAX_BYTES_PER_PUT, PublishError
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.table import ARTICLE_SK, article_pk

URL_A = "https://news.example.com/a"
URL_B = "https://other.example.org/b"


def _ingest_two(aws: Stack) -> tuple[str, str]:
    aws.put_page("raw/example/a.html", article_html(title="Bridge closes"), url=URL_A)
    page_b = article_html(title="Ferry timetable").replace(b'rel="canonical"', b'rel="x"')
    aws.put_page("raw/other/b.html", page_b, url=URL_B, source_id="other")
    ids = []
    for key in ("raw/example/a.html", "raw/other/b.html"):
        result = process_object(BUCKET, key, aws.ports, max_bytes=10**7, lease_seconds=90)
        assert result.status is Status.INGESTED
        ids.append(result.article_id)
    return ids[0], ids[1]


def _as_if_an_older_extractor_wrote(article_id: str) -> None:
    """The index item of a version extracted before the upgrade: another title was found."""
    dynamodb_client().update_item(
        TableName="newsflow-test-articles",
        Key={"pk": {"S": article_pk(article_id)}, "sk": {"S": ARTICLE_SK}},
        UpdateExpression="SET content_hash = :h, field_hashes.title = :t",
        ExpressionAttributeValues={":h": {"S": "old-extractor"}, ":t": {"S": "old-title"}},
    )


def test_reprocess_new_version_only_where_the_output_changed(aws: Stack) -> None:
    changed, same = _ingest_two(aws)
    _as_if_an_older_extractor_wrote(changed)

    counts = reprocess(aws.ports, max_bytes=10**7, lease_seconds=90)

    assert counts == {Status.UPDATED: 1, Status.UNCHANGED: 1}
    events = aws.events()
    assert [e["detail-type"] for e in events] == ["ArticleIngested"] * 2 + ["ArticleUpdated"]
    assert events[2]["detail"]["article_id"] == changed
    assert events[2]["detail"]["changed_fields"] == ["title"]
    assert same != changed


def test_reprocess_cli_source_filter_touches_only_that_source(
    aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    changed, other = _ingest_two(aws)
    _as_if_an_older_extractor_wrote(changed)
    _as_if_an_older_extractor_wrote(other)

    status = main(["reprocess", "--source", "example", "--since", "2000-01-01"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert lines[-1] == {"summary": {"updated": 1}}
    assert lines[0]["key"] == "raw/example/a.html"
    assert [e["detail"]["article_id"] for e in aws.events()[2:]] == [changed]


def test_reprocess_cli_unknown_source_says_so_and_fails(
    aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    _ingest_two(aws)

    status = main(["reprocess", "--source", "no-such-source"])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""  # the error alone, no empty summary before it
    assert "no source 'no-such-source' is registered" in captured.err
    assert aws.events()[2:] == []  # nothing reprocessed


def test_reprocess_cli_registered_source_without_pages_notes_it(
    aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = DynamoSourceRepository(dynamodb_client(), TABLE)
    quiet = Source(id="quiet", name="Quiet", homepage="https://quiet.example")
    sources.put(quiet, now=datetime(2026, 11, 20, tzinfo=UTC), create_only=True)

    status = main(["reprocess", "--source", "quiet"])

    captured = capsys.readouterr()
    assert status == 0
    assert "source 'quiet' has no stored pages yet" in captured.err
    assert json.loads(captured.out) == {"summary": {}}


def _rejection(reason: str) -> OutgoingEvent:
    detail = ArticleRejected(
        url="https://news.example.com/x",
        outcome="not_article",
        reason=reason,
        raw=ObjectPointer(bucket=BUCKET, key="raw/x.html"),
    )
    return OutgoingEvent(EventType.ARTICLE_REJECTED, detail)


def test_publisher_batches_to_ten_entries_per_call(aws: Stack) -> None:
    with CallCounter() as counter:
        aws.ports.events.publish([_rejection(f"reason {n}") for n in range(25)])

    assert counter.calls == ["eventbridge.PutEvents"] * 3
    reasons = sorted(e["detail"]["reason"] for e in aws.events())
    assert reasons == sorted(f"reason {n}" for n in range(25))


def test_publisher_batches_to_the_byte_limit_per_call(aws: Stack) -> None:
    big = "x" * (MAX_BYTES_PER_PUT // 3)

    with CallCounter() as counter:
        aws.ports.events.publish([_rejection(big + str(n)) for n in range(5)])

    assert counter.calls == ["eventbridge.PutEvents"] * 3  # 2 + 2 + 1 entries
    assert len(aws.events()) == 5


def test_publisher_refuses_an_entry_over_the_limit(aws: Stack) -> None:
    with pytest.raises(PublishError, match="over"):
        aws.ports.events.publish([_rejection("x" * MAX_BYTES_PER_PUT)])


def _versions(article_id: str) -> list[int]:
    response = dynamodb_client().query(
        TableName="newsflow-test-articles",
        KeyConditionExpression="pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues={":pk": {"S": article_pk(article_id)}, ":v": {"S": "VERSION#"}},
    )
    return [int(item["version"]["N"]) for item in response["Items"]]


def test_reprocess_of_uploads_tied_to_the_second_adds_no_version(aws: Stack) -> None:
    # GIVEN four uploads of one URL with the same fetch time, processed out of key order
    order = ["uploads/p3.html", "uploads/p1.html", "uploads/p4.html", "uploads/p2.html"]
    for key in order:
        page = article_html(title=f"Take {key[-6]}").replace(b'rel="canonical"', b'rel="x"')
        aws.put_page(key, page, url=URL_A)
    results = [
        process_object(BUCKET, key, aws.ports, max_bytes=10**7, lease_seconds=90) for key in order
    ]
    article_id = results[0].article_id
    assert article_id is not None
    assert [r.version for r in results] == [1, 2, 3, 4]  # the later arrival wins each tie
    events_before = len(aws.events())

    # WHEN every stored page is re-extracted twice with the same extractor
    first = reprocess(aws.ports, max_bytes=10**7, lease_seconds=90)
    second = reprocess(aws.ports, max_bytes=10**7, lease_seconds=90)

    # THEN nothing is written or sent: the latest page is unchanged, the others came before
    assert first == second == {Status.STALE: 3, Status.UNCHANGED: 1}
    assert _versions(article_id) == [1, 2, 3, 4]
    assert len(aws.events()) == events_before
    latest = aws.ports.articles.get_article(article_id)
    assert latest is not None
    assert latest.raw_key == "uploads/p2.html"


def test_reprocess_after_extractor_change_versions_only_the_latest_page(aws: Stack) -> None:
    for key in ("uploads/p1.html", "uploads/p2.html"):
        page = article_html(title=f"Take {key[-6]}").replace(b'rel="canonical"', b'rel="x"')
        aws.put_page(key, page, url=URL_A)
        result = process_object(BUCKET, key, aws.ports, max_bytes=10**7, lease_seconds=90)
    assert result.article_id is not None
    _as_if_an_older_extractor_wrote(result.article_id)

    counts = reprocess(aws.ports, max_bytes=10**7, lease_seconds=90)

    assert counts == {Status.STALE: 1, Status.UPDATED: 1}
    assert _versions(result.article_id) == [1, 2, 3]
    assert aws.events()[-1]["detail"]["raw"]["key"] == "uploads/p2.html"


def test_reprocess_source_covers_its_uploads_and_no_others(aws: Stack) -> None:
    aws.put_page("raw/example/a.html", article_html(title="Fetched"), url=URL_A)
    aws.put_page("uploads/mine.html", article_html(title="Mine"), url=URL_A + "-m")
    aws.put_page("uploads/theirs.html", article_html(title="Theirs"), url=URL_B, source_id="other")
    aws.put_page("uploads/none.html", article_html(title="None"), url=URL_B + "-n", source_id=None)
    seen: list[str] = []

    reprocess(
        aws.ports,
        max_bytes=10**7,
        lease_seconds=90,
        source_id="example",
        on_result=lambda result: seen.append(result.key),
    )

    assert seen == ["raw/example/a.html", "uploads/mine.html"]
