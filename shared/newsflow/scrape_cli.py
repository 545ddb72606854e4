"""`newsflow discover` and `newsflow fetch`: debug a source without storing anything."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any, TextIO

from newsflow.config import FETCH_ENV_PREFIX
from newsflow.limits import MIN_DELAY_SECONDS
from newsflow.urls import is_http_url

COMMANDS = ("discover", "fetch")
DISCOVER_OUTPUT = """\
output: one JSON object a line (JSON Lines), in document order, each URL once (by key).
  An article URL:
    url           the URL as published: resolved against the document, fragment and
                  provable tracking parameters (utm_*, click ids) removed; the one fetched
    key           its normalised form (lowercase host, sorted query, no tracking
                  parameters): for de-duplication only, never fetched
    found_in      the feed or sitemap that listed it
    origin        feed, sitemap or news_sitemap
    title, published_at, updated_at, language, keywords, publication
                  when the document gives them (dates ISO 8601 in UTC)
  A child sitemap not followed (--no-follow, --max-depth, --max-sitemaps):
    sitemap       its URL as published;  lastmod  when the index gives it
Warnings and problems go to stderr as "newsflow discover: URL: message".
exit status: 0 when the document was read (warnings included), 1 when it could not be
fetched or is neither a feed, a sitemap nor an HTML page, 2 on bad arguments."""


def add_parsers(subparsers: Any) -> None:
    """Register `discover` and `fetch` on an argparse sub-parsers object."""
    discover = subparsers.add_parser(
        "discover",
        help="list the article URLs a feed, sitemap (index) or homepage yields",
        description="Print what a feed, sitemap (index) or homepage lists. Nothing is stored.",
        epilog=DISCOVER_OUTPUT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    discover.add_argument(
        "url", type=http_url_argument, help="a feed, a sitemap or sitemap index, or a homepage"
    )
    discover.add_argument(
        "--no-follow", action="store_true", help="list an index's child sitemaps, not their URLs"
    )
    discover.add_argument(
        "--max-sitemaps",
        type=partial(count_argument, minimum=1),
        default=50,
        metavar="N",
        help="open at most N sitemaps of an index (default 50)",
    )
    discover.add_argument(
        "--max-depth",
        type=count_argument,
        default=2,
        metavar="N",
        help="follow sitemaps at most N levels below the given one (default 2)",
    )
    discover.add_argument(
        "--since", metavar="DATE", help="only URLs modified or published at or after DATE"
    )
    add_fetch_options(discover)

    fetch = subparsers.add_parser(
        "fetch",
        help="fetch one URL politely and print the outcome",
        description="Fetch one URL through the polite client (robots.txt, SSRF guard, limits) "
        "and print outcome, final URL, status and headers as JSON. Nothing is stored.",
    )
    fetch.add_argument("url", type=http_url_argument, help="the http(s) URL to fetch")
    fetch.add_argument("--any-type", action="store_true", help="accept any content type")
    fetch.add_argument("--etag", help="send If-None-Match")
    fetch.add_argument("--if-modified-since", metavar="HTTP_DATE", help="send If-Modified-Since")
    fetch.add_argument("--output", metavar="PATH", help="write the body there when ok")
    add_fetch_options(fetch)


def http_url_problem(value: str) -> str | None:
    """Why `value` is no page URL the commands take (not an absolute http(s) URL, see
    `urls.is_http_url`), or None."""
    return None if is_http_url(value) else f"{value!r} is not an absolute http(s) URL"


def http_url_argument(value: str) -> str:
    """An absolute http(s) URL without the spaces around it, else a usage error (exit 2)
    naming it: nothing else can be fetched, and processing rejects any other page `url`
    (missing_url)."""
    if problem := http_url_problem(value):
        raise argparse.ArgumentTypeError(problem)
    return value.strip()


def finite_number(value: str) -> float | None:
    """An argument as a finite number; None when it is none (a word, nan, inf)."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def seconds_argument(value: str) -> float:
    """A finite number of seconds, 0 or more (`--min-delay`, `upload --wait`), else a usage
    error naming it: `--min-delay -1` ended in pydantic's traceback, and nan or inf is no
    time one can wait."""
    seconds = finite_number(value)
    if seconds is None or seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds, 0 or more")
    return seconds


def count_argument(value: str, minimum: int = 0) -> int:
    """A whole number, `minimum` or more, else a usage error: `--max-depth` 0 or more and
    `--max-sitemaps` 1 or more, the bounds of the deployed settings `discover_max_depth` and
    `discover_max_sitemaps` (config.py)."""
    try:
        count = int(value)
    except ValueError:
        count = minimum - 1
    if count < minimum:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number, {minimum} or more")
    return count


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """`--allow-loopback` and `--min-delay`: the polite client's options on a command that
    fetches (`discover`, `fetch`, `extract URL`)."""
    parser.add_argument(
        "--allow-loopback",
        action="store_true",
        help="permit 127.0.0.1 and ::1 (local fixture sites); private ranges stay refused",
    )
    parser.add_argument(
        "--min-delay",
        type=seconds_argument,
        # None: the NEWSFLOW_FETCH_* setting or FetchSettings' default, read when the client
        # is built (scrape_commands.polite_client); the help names both from constants, as
        # newsflow.fetch (and httpx) is not imported for --help.
        default=None,
        metavar="SECONDS",
        help="minimum delay between two requests to one host (default: "
        f"{FETCH_ENV_PREFIX}MIN_DELAY_SECONDS, else {MIN_DELAY_SECONDS:g})",
    )


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the sub-command `add_parsers` registered (its body is imported only now)."""
    from newsflow import scrape_commands  # noqa: PLC0415 - feeds, sitemaps, HTTP: on dispatch

    handler = {"discover": scrape_commands.run_discover, "fetch": scrape_commands.run_fetch}
    status: int = handler[args.command](args, out or sys.stdout)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point with just these commands (tests, `python -m`)."""
    parser = argparse.ArgumentParser(prog="newsflow", description=__doc__)
    add_parsers(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


__all__ = ["COMMANDS", "add_parsers", "main", "run"]

if __name__ == "__main__":
    sys.exit(main())
