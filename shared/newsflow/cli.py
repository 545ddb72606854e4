"""The `newsflow` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from newsflow import scrape_cli
from newsflow.config import get_settings
from newsflow.extract import extract_article
from newsflow.models import Article


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsflow", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract", help="extract articles from saved HTML pages", description="Extract articles."
    )
    extract.add_argument("paths", nargs="*", help="HTML files, or - for standard input")
    extract.add_argument("--url", help="the page's URL (default: the file's file:// URL)")
    extract.add_argument("--charset", help="charset from the HTTP Content-Type header")
    extract.add_argument(
        "--fetched-at",
        type=datetime.fromisoformat,
        help="when the page was fetched (ISO 8601 with offset; default: now)",
    )
    extract.add_argument(
        "--format", choices=("json", "text", "summary"), default="json", help="output format"
    )
    extract.add_argument(
        "--batch",
        metavar="LIST",
        type=Path,
        help="file of id<TAB>path<TAB>url lines; prints one JSON line per page with id and text",
    )
    _add_reprocess_parser(commands)
    scrape_cli.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsflow` console script."""
    args = _build_parser().parse_args(argv)
    if args.command in scrape_cli.COMMANDS:
        return scrape_cli.run(args)
    if args.command == "extract":
        return _extract(args, sys.stdout)
    if args.command == "reprocess":
        return _reprocess(args, sys.stdout)
    return 2  # pragma: no cover - argparse enforces the choice


def _extract(args: argparse.Namespace, out: TextIO) -> int:
    if args.fetched_at is not None and args.fetched_at.tzinfo is None:
        print("newsflow: --fetched-at needs a UTC offset", file=sys.stderr)
        return 2
    if args.batch:
        return _extract_batch(args.batch, out)
    if not args.paths:
        print("newsflow: give PATH, - or --batch LIST", file=sys.stderr)
        return 2
    status = 0
    for path in args.paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            print(f"newsflow: {path}: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        url = args.url or ("stdin:" if path == "-" else Path(path).resolve().as_uri())
        article = extract_article(
            data,
            url,
            http_charset=args.charset,
            fetched_at=args.fetched_at,
            max_bytes=get_settings().max_object_bytes,
        )
        out.write(_render(article, args.format, path))
    return status


def _render(article: Article, fmt: str, path: str) -> str:
    if fmt == "text":
        return article.body_text + "\n"
    if fmt == "summary":
        authors = ", ".join(a.name for a in article.authors) or "-"
        published = article.published_at.isoformat() if article.published_at else "-"
        return (
            f"{Path(path).name}\n  {article.outcome.kind.value}: {article.outcome.reason}\n"
            f"  title: {article.title or '-'}\n  authors: {authors}\n"
            f"  published: {published}  language: {article.language or '-'}  "
            f"words: {article.word_count}\n"
        )
    return article.model_dump_json(indent=2) + "\n"


def _extract_batch(list_path: Path, out: TextIO) -> int:
    max_bytes = get_settings().max_object_bytes
    for line in list_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        page_id, _, rest = line.partition("\t")
        path, _, url = rest.partition("\t")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            out.write(json.dumps({"id": page_id, "text": "", "error": str(exc)}) + "\n")
            continue
        article = extract_article(data, url or Path(path).resolve().as_uri(), max_bytes=max_bytes)
        record = {"id": page_id, "text": article.body_text, **article.model_dump(mode="json")}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def _add_reprocess_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reprocess = commands.add_parser(
        "reprocess",
        help="re-extract stored pages; new versions only where the output changed",
        description=(
            "Re-run extraction over the pages stored in the bucket (NEWSFLOW_BUCKET, "
            "NEWSFLOW_TABLE, NEWSFLOW_EVENT_BUS; AWS credentials as usual) and create a new "
            "version, with its ArticleUpdated event, only where the output changed."
        ),
    )
    reprocess.add_argument("--source", help="only this source's pages (raw/SOURCE/)")
    reprocess.add_argument(
        "--since",
        type=_aware_datetime,
        help="only pages stored since this date or time (ISO 8601; UTC if no offset)",
    )


def _aware_datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _reprocess(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here so that `newsflow extract` does not pay for importing boto3.
    from newsflow.services.process_object import ProcessResult  # noqa: PLC0415
    from newsflow.services.reprocess import reprocess  # noqa: PLC0415
    from newsflow.storage import aws_ports  # noqa: PLC0415

    def report(result: ProcessResult) -> None:
        line = {"key": result.key, "status": result.status.value, "version": result.version}
        out.write(json.dumps(line) + "\n")

    settings = get_settings()
    counts = reprocess(
        aws_ports(),
        max_bytes=settings.max_object_bytes,
        lease_seconds=settings.announce_lease_seconds,
        source_id=args.source,
        since=args.since,
        on_result=report,
    )
    out.write(json.dumps({"summary": {s.value: n for s, n in sorted(counts.items())}}) + "\n")
    return 0
