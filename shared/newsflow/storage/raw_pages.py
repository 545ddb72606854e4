"""S3 writer of fetched pages under raw/, with the metadata processing reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class S3RawPageStore:
    """PutObject of a gzipped page; the bucket's notification hands it to processing."""

    def __init__(self, client: S3Client, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    def put_raw(
        self, key: str, body: bytes, *, metadata: Mapping[str, str], content_type: str
    ) -> None:
        # No Content-Encoding: gzip, or HTTP clients of the bucket would inflate it on the fly;
        # processing recognises gzip by its magic bytes.
        self._client.put_object(
            Bucket=self._bucket,
            Key=key,
            Body=body,
            ContentType=content_type,
            Metadata=dict(metadata),
        )
