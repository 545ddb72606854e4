"""SQS publishers: FetchQueue (one URL a message) and DiscoverQueue (one source a message)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsflow.services.ports import FetchMessage, SourceMessage

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import SendMessageBatchRequestEntryTypeDef

MAX_ENTRIES_PER_BATCH = 10  # SendMessageBatch
MAX_DELAY_SECONDS = 900  # DelaySeconds
_ATTEMPTS = 3


class SendError(Exception):
    """Some messages could not be sent after retries."""


class SqsFetchQueue:
    """FetchQueue publisher."""

    def __init__(self, client: SQSClient, queue_url: str) -> None:
        self._client = client
        self._queue_url = queue_url

    def send(self, messages: Sequence[FetchMessage], *, delay_seconds: int = 0) -> None:
        delay = max(0, min(MAX_DELAY_SECONDS, int(delay_seconds)))
        _send_all(
            self._client,
            self._queue_url,
            [m.model_dump_json(exclude_none=True) for m in messages],
            delay,
        )


class SqsSourceQueue:
    """DiscoverQueue publisher: `{"source_id": …}` messages."""

    def __init__(self, client: SQSClient, queue_url: str) -> None:
        self._client = client
        self._queue_url = queue_url

    def send(self, source_ids: Sequence[str]) -> None:
        _send_all(
            self._client,
            self._queue_url,
            [SourceMessage(source_id=s).model_dump_json() for s in source_ids],
            0,
        )


def _send_all(client: SQSClient, queue_url: str, bodies: Sequence[str], delay: int) -> None:
    for start in range(0, len(bodies), MAX_ENTRIES_PER_BATCH):
        chunk = bodies[start : start + MAX_ENTRIES_PER_BATCH]
        entries: list[SendMessageBatchRequestEntryTypeDef] = [
            {"Id": str(number), "MessageBody": body, "DelaySeconds": delay}
            for number, body in enumerate(chunk)
        ]
        for _ in range(_ATTEMPTS):
            response: Any = client.send_message_batch(QueueUrl=queue_url, Entries=entries)
            failed = {entry["Id"] for entry in response.get("Failed", [])}
            entries = [entry for entry in entries if entry["Id"] in failed]
            if not entries:
                break
        else:
            raise SendError(f"{len(entries)} messages not sent to {queue_url}")
