"""S3 adapter: pages in, versioned article JSON out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from newsflow.models.raw_page import RawPage
from newsflow.services.ports import StoredObject
from newsflow.storage.raw_pages import MISSING, read_page, source_of, write_page

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class S3ObjectStore:
    """The newsflow bucket (raw/, uploads/, articles/)."""

    def __init__(self, client: S3Client, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    @property
    def bucket(self) -> str:
        return self._bucket

    def get(self, key: str, *, max_bytes: int) -> StoredObject | None:
        """One GetObject; the body is read only when it is within `max_bytes`."""
        try:
            response = self._client.get_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise
        size = response["ContentLength"]
        body = response["Body"]
        too_large = size > max_bytes
        try:
            data = b"" if too_large else body.read()
        finally:
            body.close()
        return StoredObject(
            key=key,
            body=data,
            size=size,
            metadata={name.lower(): value for name, value in response.get("Metadata", {}).items()},
            content_type=response.get("ContentType"),
            last_modified=response["LastModified"],
            too_large=too_large,
        )

    def get_page(self, key: str, *, max_bytes: int) -> RawPage | None:
        """The page under raw/ or uploads/ (storage/raw_pages.py), None when gone."""
        return read_page(self._client, self._bucket, key, max_bytes=max_bytes)

    def page_source(self, key: str) -> str | None:
        """One HeadObject: the source id the page names, None when none or gone."""
        try:
            response = self._client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise
        return source_of({k.lower(): v for k, v in response.get("Metadata", {}).items()})

    def presigned_get(self, key: str, *, expires_in: int) -> str:
        """A GET URL signed with this function's credentials (no AWS call); it stops working
        at `expires_in` seconds or when the credentials that signed it expire, if earlier."""
        url: str = self._client.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=expires_in
        )
        return url

    def put_article(self, key: str, body: bytes, *, content_hash: str) -> None:
        self._client.put_object(
            Bucket=self._bucket,
            Key=key,
            Body=body,
            ContentType="application/json",
            Metadata={"content-hash": content_hash},
        )

    def put_page(
        self,
        key: str,
        body: bytes,
        *,
        url: str,
        fetched_at: datetime,
        final_url: str | None = None,
        source_id: str | None = None,
        content_type: str = "text/html",
    ) -> None:
        """Store an uploaded page as given, with the metadata processing reads."""
        page = RawPage(
            body=body,
            url=url,
            fetched_at=fetched_at,
            final_url=final_url or "",
            source_id=source_id,
            content_type=content_type,
        )
        write_page(self._client, self._bucket, key, page, body)

    def list_keys(self, prefix: str, *, modified_since: datetime | None = None) -> Iterator[str]:
        paginator = self._client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self._bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                if modified_since is None or item["LastModified"] >= modified_since:
                    yield item["Key"]
