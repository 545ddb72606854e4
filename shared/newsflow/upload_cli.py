"""`newsflow upload PAGE --url URL`: put a page under uploads/ and say where its article is."""

from __future__ import annotations

import argparse
import json
import re
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsflow.cli_lines import say
from newsflow.config import get_resources, get_settings
from newsflow.models.outcome import OutcomeKind
from newsflow.models.source import SOURCE_ID_PATTERN
from newsflow.scrape_cli import http_url_argument, seconds_argument

if TYPE_CHECKING:
    from newsflow.models.article import Article

UPLOADS_PREFIX = "uploads/"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def add_parser(commands: Any) -> None:
    """Register `upload` on the CLI's sub-parsers."""
    upload = commands.add_parser(
        "upload",
        help="put an HTML page in the bucket's uploads/ and print its article id and API URL",
        description=(
            "Upload a saved page for processing, as `aws s3 cp PAGE s3://BUCKET/uploads/ "
            "--metadata url=URL` would, then wait until its article is stored and print the "
            "article id and its API URL. Reaches the local stack of `make run` by itself "
            "(.newsflow/local.json), or the stack named by NEWSFLOW_BUCKET and AWS credentials."
        ),
    )
    upload.add_argument("page", type=Path, help="the saved HTML page")
    upload.add_argument(
        "--url",
        required=True,
        type=http_url_argument,
        help="the page's URL (its article's identity)",
    )
    upload.add_argument(
        "--source",
        type=_source_id,
        help="the registered source to file it under (`newsflow sources list`; an unknown id "
        "is refused)",
    )
    upload.add_argument(
        "--wait",
        type=seconds_argument,
        default=60,
        metavar="SECONDS",
        help="how long to wait for the stored article (0: do not wait; default %(default)s)",
    )


def _source_id(value: str) -> str:
    """A source id as sources are stored (`Source.id`): a page filed under any other could
    never be reached by its source's routes (`/sources/{id}` refuses it)."""
    if not re.fullmatch(SOURCE_ID_PATTERN, value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a source id (a slug: a-z, 0-9, '-' and '_', at most 64, "
            "starting with a letter or digit; `newsflow sources list` shows them)"
        )
    return value


def run(args: argparse.Namespace, out: TextIO, api_url: str | None, api_key: str | None) -> int:
    """Upload, wait, report; 0 when the article is stored, 1 when it was (or will be)
    rejected or did not appear within --wait, 2 (nothing uploaded) when the page is over
    the pages' size limit or --source is not a registered source. Raises OSError if the page
    cannot be read."""
    # The extractor and boto3 load when a page is uploaded, not for `newsflow --help`.
    from newsflow.extract import extract_article  # noqa: PLC0415
    from newsflow.services.process_object import STORED_OUTCOMES  # noqa: PLC0415
    from newsflow.storage.clients import s3_client  # noqa: PLC0415 - boto3 only when used
    from newsflow.storage.objects import S3ObjectStore  # noqa: PLC0415

    settings = get_settings()
    if args.source and not _registered(args.source):
        return 2
    if (size := args.page.stat().st_size) > settings.max_object_bytes:
        # Processing would only record it as `too_large`: refused before the upload.
        say(
            f"{args.page}: {size} bytes, over the limit of "
            f"{settings.max_object_bytes} bytes a page may have "
            "(NEWSFLOW_MAX_OBJECT_BYTES, set for the functions in template.yaml): not uploaded"
        )
        return 2
    data = args.page.read_bytes()
    now = datetime.now(UTC)
    # The same extraction the process function runs: it names the article id in advance.
    article = extract_article(
        data, args.url, fetched_at=now, source_id=args.source, max_bytes=settings.max_object_bytes
    )
    objects = S3ObjectStore(s3_client(), get_resources().bucket)
    stored = _newest_version(objects, article.article_id)
    key = upload_key(args.page.name, now)
    objects.put_page(key, data, url=args.url, fetched_at=now, source_id=args.source)
    out.write(f"uploaded s3://{objects.bucket}/{key}\n")
    if article.outcome.kind not in STORED_OUTCOMES:
        out.write(f"not an article: {_outcome(article)} (recorded as ArticleRejected)\n")
        return 1
    out.write(f"article_id {article.article_id}\n")
    if stored is not None and stored[1] == article.content_hash:
        # Processing will find the same content and make no version (README: "unchanged").
        out.write(f"unchanged: already stored as version {stored[0]}\n")
    elif stored is not None and _teaser_of_full_text(objects, article, stored[0]):
        # Processing keeps the full text over a teaser (process_object._keep_current): no
        # version will hold this page, so waiting for one would only run out.
        out.write(
            f"kept: version {stored[0]} holds the full text; a paywalled teaser does not "
            "replace it\n"
        )
    elif args.wait > 0:
        out.flush()  # the id before the wait, also when stdout is a pipe
        say(f"waiting up to {args.wait:g} s for it to be stored (--wait)")
        version = _wait_for_content(objects, article, args.wait)
        if version is None:
            out.write(f"not stored after {args.wait:g} s: is the local runner (make run) up?\n")
            return 1
        out.write(f"stored as version {version}\n")
    path = f"/articles/{article.article_id}"
    if api_url and api_key:
        out.write(f"curl -s -H 'x-api-key: {api_key}' '{api_url}{path}'\n")
    else:
        out.write(f"API: GET {api_url or '$API'}{path}\n")
    return 0


def upload_key(filename: str, now: datetime) -> str:
    """`uploads/{yyyymmddThhmmss}-{random}-{filename}`: a new key for every upload, so a page
    uploaded twice is processed twice (an unchanged one makes no new version)."""
    safe = _UNSAFE_NAME.sub("-", filename).strip("-")[:100] or "page.html"
    return f"{UPLOADS_PREFIX}{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}-{safe}"


def _registered(source_id: str) -> bool:
    """Whether `source_id` is a registered source; when not, one line on stderr. An article
    filed under an unknown id (a typo) would count in no source's health and appear under a
    name no source has; `aws s3 cp --metadata source=...` remains for pages of any id."""
    from newsflow.wiring import source_repository  # noqa: PLC0415 - see run

    if source_repository().get(source_id) is not None:
        return True
    say(
        f"no source {source_id!r} is registered (`newsflow sources list` "
        "shows the sources; `newsflow sources add` registers one): not uploaded"
    )
    return False


def _outcome(article: Article) -> str:
    return f"{article.outcome.kind.value}: {article.outcome.reason}"


def _newest_version(objects: Any, article_id: str) -> tuple[int, str | None] | None:
    """The article's newest stored version and its content hash (the object's metadata),
    or None when none is stored."""
    from newsflow.services.process_object import ARTICLES_PREFIX  # noqa: PLC0415 - see run

    prefix = f"{ARTICLES_PREFIX}{article_id}/v"
    versions = [int(key[len(prefix) :].removesuffix(".json")) for key in objects.list_keys(prefix)]
    if not versions:
        return None
    newest = max(versions)
    stored = objects.get(f"{prefix}{newest}.json", max_bytes=0)  # metadata only
    return newest, stored.metadata.get("content-hash") if stored is not None else None


def _teaser_of_full_text(objects: Any, article: Article, version: int) -> bool:
    """Whether `article` is a paywalled teaser and its stored `version` the full text."""
    from newsflow.services.process_object import ARTICLES_PREFIX  # noqa: PLC0415 - see run

    if article.outcome.kind is not OutcomeKind.PAYWALLED_PARTIAL:
        return False
    key = f"{ARTICLES_PREFIX}{article.article_id}/v{version}.json"
    stored = objects.get(key, max_bytes=get_settings().max_object_bytes)
    if stored is None or stored.too_large:
        return False
    outcome = json.loads(stored.body).get("outcome") or {}
    return bool(outcome.get("kind") == OutcomeKind.ARTICLE.value)


def _wait_for_content(objects: Any, article: Article, seconds: float) -> int | None:
    """The version that stores this page's content once the newest one does, polling S3
    twice a second; None after `seconds`. A version that was already there before the upload
    does not count unless it holds this content: a changed page waits for its new version."""
    deadline = time.monotonic() + seconds
    while True:
        stored = _newest_version(objects, article.article_id)
        if stored is not None and stored[1] == article.content_hash:
            return stored[0]
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)
