"""The `newsflow` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsflow` console script."""
    args = _build_parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args, sys.stdout)
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
