"""The `newsflow` command line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsflow import cli_lines, scrape_cli, upload_cli
from newsflow.cli_lines import say
from newsflow.config import SettingsError, fetch_settings, fetch_waits, get_settings
from newsflow.models.outcome import OutcomeKind
from newsflow.models.source import Source
from newsflow.urls import is_http_url

if TYPE_CHECKING:
    from newsflow.fetch import FetchSettings
    from newsflow.models.article import Article
    from newsflow.models.raw_page import RawPage
    from newsflow.services.ports import SourceRepository


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsflow", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract",
        help="extract articles from saved HTML pages or URLs",
        description="Extract articles.",
    )
    extract.add_argument(
        "paths",
        nargs="*",
        help="HTML files, - for standard input (its URL: file:///dev/stdin, unless --url), "
        "or http(s) URLs (fetched politely: robots.txt, "
        "the SSRF guard and the size limit apply; a server on this machine needs "
        "--allow-loopback)",
    )
    extract.add_argument(
        "--url",
        type=scrape_cli.http_url_argument,
        help="the page's absolute http(s) URL, its article's identity (default: the file's "
        "file:// URL, or the URL fetched)",
    )
    extract.add_argument("--charset", help="charset from the HTTP Content-Type header")
    extract.add_argument(
        "--fetched-at",
        type=_fetched_at,
        help="when the page was fetched (ISO 8601 with offset; default: now)",
    )
    extract.add_argument(
        "--format", choices=("json", "text", "summary"), default="json", help="output format"
    )
    extract.add_argument(
        "--batch",
        metavar="LIST",
        type=Path,
        help="file of id<TAB>path<TAB>url lines (-: standard input); prints one JSON line "
        "per page with id and text (--fetched-at applies to each page; no PATH, --url, "
        "--charset or --format with it)",
    )
    scrape_cli.add_fetch_options(extract)
    _add_reprocess_parser(commands)
    _add_sources_parser(commands)
    scrape_cli.add_parsers(commands)
    upload_cli.add_parser(commands)
    _add_local_parser(commands)
    return parser


# Commands that talk to a stack: the local one of `make run`, or a deployed one.
_STACK_COMMANDS = ("reprocess", "sources", "upload")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `newsflow` command (`newsflow.cli_entry` imports this module, then calls it).

    Returns the exit status: 0, 1 when a page or a source could not be handled, 2 for a usage
    error, 130 after Ctrl-C."""
    cli_lines.begin(sys.argv[1:] if argv is None else argv)
    try:
        return _run(_build_parser().parse_args(argv))
    except KeyboardInterrupt:
        # Ctrl-C in a command (upload's wait, a long walk): one line and the shell's 130, no
        # traceback. `local` handles its own (it finishes the batches in progress).
        say("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`newsflow discover URL | head`): stop quietly, as Unix tools do.
        # stdout is pointed at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    """The command; a NEWSFLOW_* setting it reads that is missing or refused is one line and
    exit 2, whichever command reads it (`extract` reads the page size limit)."""
    try:
        return _command(args)
    except SettingsError as error:
        say(_settings_problem(error))
        return 2


def _command(args: argparse.Namespace) -> int:
    if args.command in scrape_cli.COMMANDS:
        return scrape_cli.run(args)
    if args.command == "extract":
        return _extract(args, sys.stdout)
    if args.command == "local":
        return _local(args)
    if args.command in _STACK_COMMANDS:
        return _with_stack(args, sys.stdout)
    return 2  # pragma: no cover - argparse enforces the choice


def _with_stack(args: argparse.Namespace, out: TextIO) -> int:
    """Run a stack command against the stack in the environment or the local one; a stack
    that is missing or unreachable is named in one line, not a traceback."""
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415 - boto3 if used
    from botocore.exceptions import ConnectionError as AwsConnectionError  # noqa: PLC0415

    from newsflow.local.state import StackNotFoundError, use_stack  # noqa: PLC0415

    try:
        state = use_stack() or {}
        if args.command == "upload":
            return upload_cli.run(args, out, state.get("api_url"), state.get("api_key"))
        if args.command == "reprocess":
            return _reprocess(args, out)
        return _sources(args, out)
    except StackNotFoundError as error:
        say(str(error))
    except (BotoCoreError, ClientError) as error:
        endpoint = os.environ.get("AWS_ENDPOINT_URL")
        # Only when nothing answered there: a missing profile or a refused call is no hint
        # that `make run` has stopped.
        unreachable = endpoint and isinstance(error, AwsConnectionError)
        hint = f" (is `make run` still serving {endpoint}?)" if unreachable else ""
        say(f"{error}{hint}")
    except OSError as error:
        say(f"{error.filename or ''}: {error.strerror or error}")
    return 2


def _settings_problem(error: SettingsError) -> str:
    """One line for settings the environment does not give: the variables that are not set,
    or each one that is set but refused, with its value and why (it is set: "set it" would
    mislead)."""
    missing = [p.variable for p in error.problems if p.missing]
    if missing:
        return f"set {', '.join(missing)} (the stack's outputs), or run `make run`"
    return str(error)


def _extract(args: argparse.Namespace, out: TextIO) -> int:
    # The extractor (lxml, trafilatura) loads for `extract` only, the HTTP client for a URL.
    from newsflow.extract import extract_article  # noqa: PLC0415
    from newsflow.extract.article import too_large_article  # noqa: PLC0415

    if args.batch:
        if unused := _unused_with_batch(args):
            say(
                "--batch takes each page and URL from its list and prints JSON lines: "
                f"not {', '.join(unused)}"
            )
            return 2
        return _extract_batch(args.batch, out, args.fetched_at)
    if not args.paths:
        say("give PATH, - or --batch LIST")
        return 2
    if args.url and len(args.paths) > 1:
        # The URL is the article's identity: several pages under one would share an id.
        say("--url names one page: give one PATH with it (or use --batch)")
        return 2
    status = 0
    max_bytes = get_settings().max_object_bytes
    with ExitStack() as stack:
        client = None
        for path in args.paths:
            if is_http_url(path) and not Path(path).exists():
                from newsflow import scrape_commands  # noqa: PLC0415

                client = client or stack.enter_context(scrape_commands.polite_client(args))
                page = scrape_commands.fetch_page(client, path)
            else:
                page = _read_file(path, max_bytes)
            if page is None:
                status = 1
                continue
            if page.unreadable is OutcomeKind.TOO_LARGE:
                when = args.fetched_at or page.fetched_at
                article = too_large_article(args.url or page.url, page.reason, when)
            else:
                article = extract_article(
                    page.body,
                    args.url or page.url,
                    final_url=None if args.url else page.final_url or None,
                    http_charset=args.charset or page.charset,
                    fetched_at=args.fetched_at or page.fetched_at,
                    max_bytes=max_bytes,
                )
            out.write(_render(article, args.format, path))
    return status


def _unused_with_batch(args: argparse.Namespace) -> list[str]:
    """What `extract --batch` was given but would not use: its list names each page and URL,
    and it prints JSON lines whatever `--format` says."""
    given = (
        ("PATH", args.paths),
        ("--url", args.url),
        ("--charset", args.charset),
        ("--format", args.format != "json"),
    )
    return [name for name, value in given if value]


# The address of a page read from standard input without --url: the file URL of the
# standard input, as a saved page's is its file's. It is its own normal form, so `url`,
# `final_url` and `canonical_url` agree (the page's own canonical link still wins), as for
# a file; "stdin:" came out as canonical URL "stdin:/".
STDIN_URL = "file:///dev/stdin"


def _read_file(path: str, max_bytes: int) -> RawPage | None:
    """A saved page with its file:// URL (`-`: standard input, as `STDIN_URL`), or None with
    one line on stderr when it cannot be read; over `max_bytes`, `too_large` with an empty
    body, as the page store's reader returns one."""
    from newsflow.models.raw_page import RawPage  # noqa: PLC0415 - with the extractor

    url = STDIN_URL if path == "-" else Path(path).resolve().as_uri()
    try:
        data, too_large = _read_bounded(path, max_bytes)
    except OSError as exc:
        say(f"{path}: {exc.strerror}")
        return None
    now = datetime.now(UTC)
    if too_large:
        return RawPage(b"", url, now, unreadable=OutcomeKind.TOO_LARGE, reason=too_large)
    return RawPage(body=data, url=url, fetched_at=now)


def _read_bounded(path: str, max_bytes: int) -> tuple[bytes, str]:
    """A file's bytes (`-`: standard input's) and "", or b"" and the reason when it is over
    `max_bytes`: it is never read whole then (a file is measured on disk first, standard input
    read to one byte past the limit). Raises OSError when it cannot be read."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return (b"", f"over {max_bytes} bytes") if len(data) > max_bytes else (data, "")
    with Path(path).open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            return b"", f"{size} bytes > limit {max_bytes}"
        return file.read(), ""


def _render(article: Article, fmt: str, path: str) -> str:
    if fmt == "text":
        return article.body_text + "\n"
    if fmt == "summary":
        authors = ", ".join(a.name for a in article.authors) or "-"
        # In UTC with Z, as the API's listing prints it (the JSON form keeps the page's offset).
        moment = article.published_at
        published = moment and moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
        standfirst = (article.standfirst or "-").replace("\n", " / ")
        return (
            f"{Path(path).name}\n  {article.outcome.kind.value}: {article.outcome.reason}\n"
            f"  title: {article.title or '-'}\n  standfirst: {standfirst}\n"
            f"  authors: {authors}\n"
            f"  published: {published or '-'}  language: {article.language or '-'}  "
            f"words: {article.word_count}  confidence: {article.extraction_confidence}\n"
        )
    return article.model_dump_json(indent=2) + "\n"


def _batch_line_error(path: str, url: str) -> str | None:
    """Why a `--batch` line's path and URL fields cannot be extracted, or None. The URL, when
    given, is the article's identity and is held to `--url`'s rule (an absolute http(s)
    URL, around which spaces are not kept); a fourth field would be read into it."""
    if not path or "\t" in url:
        return f"not an id<TAB>path<TAB>url line: {'a fourth field' if path else 'no path'}"
    return scrape_cli.http_url_problem(url) if url else None


def _extract_batch(list_path: Path, out: TextIO, fetched_at: datetime | None = None) -> int:
    """One JSON line per `id<TAB>path<TAB>url` line of `list_path` (`-`: standard input;
    UTF-8, a byte order mark skipped); a page that cannot
    be read, or whose URL is not an absolute http(s) URL or cannot be parsed, is a line with
    its `error`. 1, with one line on
    stderr, when the list cannot be. Every page was fetched at `fetched_at` (`--fetched-at`;
    default: now)."""
    from newsflow.extract import ExtractionInputError, extract_article  # noqa: PLC0415
    from newsflow.extract.article import too_large_article  # noqa: PLC0415

    max_bytes = get_settings().max_object_bytes
    try:
        data = sys.stdin.buffer.read() if str(list_path) == "-" else list_path.read_bytes()
        listing = data.decode("utf-8-sig")  # an editor's BOM is no id
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else f"not UTF-8 text ({exc.reason})"
        say(f"{list_path}: {reason}")
        return 1
    for raw in listing.split("\n"):  # not splitlines: a URL may hold U+0085, U+2028 ...
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        page_id, _, rest = line.partition("\t")
        path, _, url = rest.partition("\t")
        url = url.strip(" ")  # " https://e.com/a" would be stored with its space
        if error := _batch_line_error(path, url):
            out.write(json.dumps({"id": page_id, "text": "", "error": error}) + "\n")
            continue
        try:
            data, too_large = _read_bounded(path, max_bytes)
        except (OSError, ValueError) as exc:  # ValueError: a path holding a NUL
            out.write(json.dumps({"id": page_id, "text": "", "error": str(exc)}) + "\n")
            continue
        url = url or Path(path).resolve().as_uri()
        when = fetched_at or datetime.now(UTC)
        try:
            article = (
                too_large_article(url, too_large, when)
                if too_large
                else extract_article(data, url, fetched_at=when, max_bytes=max_bytes)
            )
        except ExtractionInputError as exc:  # a URL urllib cannot parse: "http://[::1/x"
            out.write(json.dumps({"id": page_id, "text": "", "error": str(exc)}) + "\n")
            continue
        record = {"id": page_id, "text": article.body_text, **article.model_dump(mode="json")}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def _add_reprocess_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reprocess = commands.add_parser(
        "reprocess",
        help="re-extract stored pages; new versions only where the output changed",
        description=(
            "Re-run extraction over the pages stored in the bucket (NEWSFLOW_BUCKET, "
            "NEWSFLOW_TABLE, NEWSFLOW_EVENT_BUS; AWS credentials as usual; when they are not "
            "set, the local stack of `make run`, .newsflow/local.json) and create a new "
            "version, with its ArticleUpdated event, only where the output changed. It needs "
            "the raw page: pages expire after the stack's PageRetentionDays (90 by default), "
            "and articles whose page has expired keep their versions unchanged."
        ),
    )
    reprocess.add_argument("--source", help="only this source's pages (raw/SOURCE/)")
    reprocess.add_argument(
        "--since",
        type=_aware_datetime,
        help="only pages stored since this date or time (ISO 8601; UTC if no offset)",
    )


def _fetched_at(value: str) -> datetime:
    """`extract --fetched-at`: an ISO 8601 time with its UTC offset, else a usage error
    (argparse said "invalid fromisoformat value: 'yesterday'"); one whose UTC time is outside
    years 1-9999 too ("0001-01-01T00:00+14:00": the extractor's OverflowError)."""
    try:
        parsed = datetime.fromisoformat(value)
        parsed.astimezone(UTC)
    except OverflowError:
        raise argparse.ArgumentTypeError(f"{value!r} is outside years 1-9999 in UTC") from None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        message = f"{value!r} is not an ISO 8601 time with a UTC offset (e.g. 2026-11-01T08:00Z)"
        raise argparse.ArgumentTypeError(message)
    return parsed


def _aware_datetime(value: str) -> datetime:
    """An ISO 8601 date or time for argparse; UTC when it has no offset."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        message = f"{value!r} is not an ISO 8601 date or time (e.g. 2026-11-01, 2026-11-01T08:00Z)"
        raise argparse.ArgumentTypeError(message) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _above_zero(value: str) -> float:
    """`local --speed` and `--timeout`: a finite number above 0 (schedules and tolerances are
    divided by the speed; 0, negatives, nan and inf used to start a run that could not work)."""
    factor = scrape_cli.finite_number(value)
    if factor is None or factor <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number above 0 (e.g. 10)")
    return factor


def _port(value: str) -> int:
    """A TCP port for argparse: 1 to 65535 (a larger one used to end in a traceback)."""
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 1 <= port <= _MAX_PORT:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to {_MAX_PORT})")
    return port


def _site_port(value: str) -> int:
    """`--site-port`: 0 (any free ports), or the first of three ports, all within range."""
    if value.strip() == "0":
        return 0
    port = _port(value)
    if port > _MAX_PORT - 2:
        raise argparse.ArgumentTypeError(f"{value!r}: the site needs it and the 2 ports after it")
    return port


_MAX_PORT = 65535
_AWS_PORT = 5005


def _reprocess(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here so that `newsflow extract` does not pay for importing boto3.
    from newsflow.services.process_object import ProcessResult  # noqa: PLC0415
    from newsflow.services.reprocess import reprocess  # noqa: PLC0415
    from newsflow.wiring import aws_adapters  # noqa: PLC0415

    def report(result: ProcessResult) -> None:
        line = {"key": result.key, "status": result.status.value, "version": result.version}
        out.write(json.dumps(line) + "\n")

    settings = get_settings()
    counts = reprocess(
        aws_adapters(),
        max_bytes=settings.max_object_bytes,
        lease_seconds=settings.announce_lease_seconds,
        source_id=args.source,
        since=args.since,
        on_result=report,
    )
    if args.source and not counts:
        failed = _no_pages_of(args.source)
        if failed:
            return failed  # its error alone: an empty summary would read as a run that went well
    out.write(json.dumps({"summary": {s.value: n for s, n in sorted(counts.items())}}) + "\n")
    return 0


def _no_pages_of(source_id: str) -> int:
    """Say why `reprocess --source` found nothing: 2 when no such source is registered (a
    typo), 0 with a note when it is registered but no page of it is stored yet."""
    from newsflow.wiring import source_repository  # noqa: PLC0415

    if source_repository().get(source_id) is None:
        say(
            f"no source {source_id!r} is registered and no page of it is "
            "stored (`newsflow sources list` shows the sources)"
        )
        return 2
    say(f"source {source_id!r} has no stored pages yet")
    return 0


def _add_local_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    local = commands.add_parser(
        "local",
        help="run the whole pipeline on this machine (moto as AWS, a local news site, the API)",
        description=(
            "Deploy template.yaml into a local moto server, serve a fixture news site (or the "
            "--source sites), play the template's schedules, queues, notifications and API "
            "routes with the handlers in this process, and serve the API on 127.0.0.1."
        ),
    )
    # The order of the calls is the order of --help.
    _add_local_runner_options(local)
    _add_local_stop_or_env(local)
    local.add_argument(
        "--timeout",
        type=_above_zero,
        default=None,
        help="seconds after which --once gives up (exit 1) with work still queued",
    )


def _add_local_runner_options(local: argparse.ArgumentParser) -> None:
    """What the runner reads: its cycle, the sites, the ports and the state directory
    (--aws-port and --state-dir also find the stack that --stop and --env act on)."""
    local.add_argument("--once", action="store_true", help="run one full cycle, then exit")
    local.add_argument(
        "--speed",
        type=_above_zero,
        default=None,
        help="run schedules, and the fixture story's edit, this many times faster",
    )
    local.add_argument(
        "--source",
        action="append",
        default=None,
        metavar="URL",
        help="ingest this site (homepage URL; repeatable) instead of the fixture site",
    )
    local.add_argument(
        "--port",
        "--api-port",
        dest="api_port",
        type=_port,
        default=None,
        help="the API's port",
    )
    local.add_argument("--aws-port", type=_port, help=f"the moto server's port ({_AWS_PORT})")
    local.add_argument(
        "--site-port",
        type=_site_port,
        default=None,
        help="first of the fixture site's three ports (0: any)",
    )
    local.add_argument(
        "--state-dir",
        type=Path,
        default=Path(".newsflow"),
        help="where the local stack's files live: local.json, the API key, pids, logs "
        "(default: .newsflow)",
    )
    local.add_argument(
        "--fresh", action="store_true", help="start from an empty store (the default keeps it)"
    )


def _add_local_stop_or_env(local: argparse.ArgumentParser) -> None:
    """--stop and --env: each starts no runner and acts on the kept stack, then exits."""
    # One or the other: `--stop --env` printed the environment of a stack it did not stop.
    stop_or_env = local.add_mutually_exclusive_group()
    stop_or_env.add_argument(
        "--stop",
        action="store_true",
        help="stop the kept moto server (and a runner still using it) and exit: its store "
        "(articles, sources) is gone; the API key in --state-dir stays (takes --state-dir and "
        "--aws-port only)",
    )
    stop_or_env.add_argument(
        "--env",
        action="store_true",
        help="print the environment of the running local stack as `export` lines (dummy AWS "
        'credentials, endpoint, region, resource names): eval "$(newsflow local --env)" '
        "(takes --state-dir only)",
    )


# What only a runner reads, by dest: its flag and default. `--stop` and `--env` start no
# runner, so one of these with them is a usage error (`--stop --once` ignored --once), also
# at its default value: the parser leaves each None (False) when not given, `_local` fills in.
_RUNNER_OPTIONS: dict[str, tuple[str, object]] = {
    "once": ("--once", False),
    "fresh": ("--fresh", False),
    "source": ("--source", []),
    "speed": ("--speed", 1.0),
    "api_port": ("--port", 3000),
    "site_port": ("--site-port", 8801),
    "timeout": ("--timeout", 600),
}


def _runner_options_without_runner(args: argparse.Namespace) -> str:
    """The usage error for runner options given with `--stop` or `--env`, or ""."""
    if not (args.stop or args.env):
        return ""
    # `is`, not `in (None, False)`: --site-port 0 is given, and 0 == False
    given = [
        flag
        for dest, (flag, _) in _RUNNER_OPTIONS.items()
        if getattr(args, dest) is not None and getattr(args, dest) is not False
    ]
    if args.env and args.aws_port is not None:
        given.append("--aws-port")  # --env reads the state file, not the server
    mode = "--stop" if args.stop else "--env"
    return f"{', '.join(given)}: not allowed with {mode} (it starts no runner)" if given else ""


def _fill_local_defaults(args: argparse.Namespace) -> None:
    """Each `local` option not given (None) set to its default, in place."""
    defaults = {dest: default for dest, (_, default) in _RUNNER_OPTIONS.items()}
    for dest, default in (defaults | {"aws_port": _AWS_PORT}).items():
        if getattr(args, dest) is None:
            setattr(args, dest, list(default) if isinstance(default, list) else default)


def _local(args: argparse.Namespace) -> int:
    if refused := _runner_options_without_runner(args):
        say(refused)
        return 2
    _fill_local_defaults(args)
    if args.env:
        return _local_env(args.state_dir)
    if args.stop:
        return _local_stop(args.state_dir, args.aws_port)
    # Imported here, after --env (`eval "$(newsflow local --env)"`), which needs none of it:
    # the local runner pulls in moto, boto3 and the SAM translator.
    from botocore.exceptions import EndpointConnectionError  # noqa: PLC0415

    from newsflow.local.preflight import STOP_REQUEST_FILE, LocalSetupError  # noqa: PLC0415
    from newsflow.local.runner import LocalRunner, Options  # noqa: PLC0415

    options = Options(
        root=Path.cwd(),
        state_dir=args.state_dir,
        api_port=args.api_port,
        aws_port=args.aws_port,
        site_port=args.site_port,
        once=args.once,
        speed=args.speed,
        sources=args.source,
        fresh=args.fresh,
        timeout=args.timeout,
    )
    runner = LocalRunner(options)
    (args.state_dir / STOP_REQUEST_FILE).unlink(missing_ok=True)  # left by a killed --stop
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop is a Ctrl-C
    # Also when started in the background of a script, where SIGINT comes in ignored.
    signal.signal(signal.SIGINT, _interrupt)
    try:
        runner.start()
        if args.once:
            if runner.run_once():
                return 0
            say(
                f"--once gave up after {args.timeout:g} s with work still queued "
                "(the table above is partial; --timeout gives it longer)"
            )
            return 1
        runner.run_forever()
    except LocalSetupError as error:
        say(str(error))
        return 2
    except EndpointConnectionError as error:
        say(
            f"AWS (moto) stopped answering ({error}): was the store ended "
            "with `newsflow local --stop`? `make run` starts a new one"
        )
        return 1
    except KeyboardInterrupt:
        pass  # said below: the signal may also arrive where a library swallows the exception
    finally:
        if _INTERRUPTED.is_set():
            # Through the runner's stream: a function running in another thread may have
            # sys.stdout redirected to its log at this moment.
            runner.say(_stopping_line(args.state_dir, kept=runner.keeps_store_on_stop()))
        runner.stop()
    return 0


def _local_stop(state_dir: Path, aws_port: int) -> int:
    """`newsflow local --stop`: the runner (as Ctrl-C would), then the moto server this state
    folder started; says which, or that nothing ran. 1 when something could not be stopped."""
    from newsflow.local.runner import MotoServer  # noqa: PLC0415
    from newsflow.local.state import STATE_FILE  # noqa: PLC0415

    if not _stop_runner(state_dir):
        return 1
    moto = MotoServer(aws_port, state_dir)
    stopped = moto.stop()
    if not stopped and moto.running():
        say(
            f"moto on port {aws_port} was not started from {state_dir} "
            "(no moto.pid there): left running"
        )
        return 1
    # The stack they describe is gone: `local --env` and the stack commands say so, rather
    # than hand out an endpoint nothing answers on. The next `make run` writes them again.
    for name in ("site.json", STATE_FILE):
        (state_dir / name).unlink(missing_ok=True)
    if stopped:
        print("local store stopped and emptied (the API key is kept)")
    else:
        print(f"no local store was running (nothing in {state_dir} to stop)")
    return 0


def _stopping_line(state_dir: Path, *, kept: bool) -> str:
    """The runner's line on Ctrl-C or SIGTERM: the store is kept, unless the SIGTERM came
    from `newsflow local --stop`, which ends it next, or the runner started the store and was
    stopped before it was ready (`kept` False), when it ends the store itself."""
    from newsflow.local.preflight import STOP_REQUEST_FILE  # noqa: PLC0415

    if not kept:
        return "\nstopping before the local stack was ready: the store it was starting is ended"
    if (state_dir / STOP_REQUEST_FILE).exists():
        return "\nstopping (newsflow local --stop ends the local store next)"
    return "\nstopping (the local store is kept: newsflow local --stop ends it)"


# Set by Ctrl-C or SIGTERM, so that the stop is reported whatever code the signal interrupted.
_INTERRUPTED = threading.Event()


def _stop_runner(state_dir: Path, seconds: float = 150) -> bool:
    """Stop the runner using this store, if one runs, as Ctrl-C would (SIGTERM: it finishes
    the batches in progress), before its store is ended under it. False, said on stderr,
    when it is still running after `seconds` (a stop waits up to 120 s for its batches)."""
    from newsflow.local.preflight import (  # noqa: PLC0415
        RUNNER_PID_FILE,
        STOP_REQUEST_FILE,
        running_pid,
    )

    pid = running_pid(state_dir / RUNNER_PID_FILE)
    if pid is None:
        return True
    print(f"stopping the runner (pid {pid}) first: it finishes the batches in progress ...")
    request = state_dir / STOP_REQUEST_FILE
    request.touch()  # the runner's last line says its store is ended, not kept
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + seconds
        while running_pid(state_dir / RUNNER_PID_FILE) == pid:
            if time.monotonic() >= deadline:
                say(f"the runner (pid {pid}) is still running")
                return False
            time.sleep(0.2)
    finally:
        request.unlink(missing_ok=True)
    return True


def _interrupt(signum: int, frame: object) -> None:
    if _INTERRUPTED.is_set():
        # A second Ctrl-C while the runner finishes its batches: leave now, without a
        # traceback. The unfinished batches stay in their queues and run on the next start.
        say("stopped now; unfinished batches run again on the next start")
        os._exit(130)  # 128 + SIGINT, as shells report it
    _INTERRUPTED.set()
    raise KeyboardInterrupt


def _local_env(state_dir: Path) -> int:
    from newsflow.local.state import (  # noqa: PLC0415
        STATE_FILE,
        StackNotFoundError,
        export_lines,
        read_state,
    )

    path = state_dir / STATE_FILE
    if not path.is_file():
        say(f"no {path}: start the local stack with `make run`")
        return 2
    try:
        sys.stdout.write(export_lines(read_state(path)["environment"]))
    except StackNotFoundError as error:
        say(str(error))
        return 2
    return 0


def _add_sources_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sources = commands.add_parser(
        "sources",
        help="manage the sources discovery polls (the local stack's, or NEWSFLOW_TABLE's)",
        description=(
            "Add, list, show and remove sources in the deployed table (NEWSFLOW_TABLE, "
            "NEWSFLOW_BUCKET, NEWSFLOW_EVENT_BUS; AWS credentials as usual), or, when they are "
            "not set, in the local stack of `make run` (.newsflow/local.json)."
        ),
    )
    actions = sources.add_subparsers(dest="sources_command", required=True)
    add = actions.add_parser(
        "add",
        help="add a source; its homepage's feed links and robots.txt sitemaps are added too",
    )
    add.add_argument("id", nargs="?", help="the source's slug (not with --file)")
    add.add_argument("--file", type=Path, help="add every source of a seed file (sources.yaml)")
    add.add_argument("--name", help="display name (default: the id)")
    add.add_argument("--homepage", help="the site's homepage URL")
    add.add_argument("--feed", action="append", default=[], help="a feed URL (repeatable)")
    add.add_argument("--sitemap", action="append", default=[], help="a sitemap URL (repeatable)")
    add.add_argument(
        "--allow",
        action="append",
        default=[],
        help="allowed URL pattern (repeatable; an RE2 expression: no backreferences or lookaround)",
    )
    add.add_argument(
        "--block",
        action="append",
        default=[],
        help="blocked URL pattern (repeatable; an RE2 expression)",
    )
    add.add_argument(
        "--poll-interval",
        type=int,
        metavar="SECONDS",
        help=f"how often discovery polls it ({_field_bounds('poll_interval_seconds')})",
    )
    add.add_argument(
        "--min-delay",
        type=float,
        metavar="SECONDS",
        help="least delay between two of its requests to one host "
        f"({_field_bounds('min_delay_seconds')})",
    )
    add.add_argument(
        "--max-new",
        type=int,
        metavar="N",
        help=f"new URLs queued per run at most ({_field_bounds('max_new_articles_per_run')})",
    )
    add.add_argument("--disabled", action="store_true", help="store it, but do not poll it")
    add.add_argument("--replace", action="store_true", help="replace a source with the same id")
    add.add_argument(
        "--no-autodiscover",
        action="store_true",
        help="fetch nothing: neither the homepage and robots.txt (to find feeds and sitemaps) "
        "nor the feeds and sitemaps (to check that they answer)",
    )
    add.add_argument(
        "--allow-loopback", action="store_true", help="permit 127.0.0.1 (local fixture sites)"
    )
    actions.add_parser("list", help="every source, one JSON line each")
    show = actions.add_parser("show", help="a source with its last run and outcome totals")
    show.add_argument("id", help="the source's id (`newsflow sources list` shows them)")
    remove = actions.add_parser("remove", help="remove a source (its articles stay)")
    remove.add_argument("id", help="the source's id (`newsflow sources list` shows them)")


def _field_bounds(name: str) -> str:
    """A `Source` field's lower bound and default as help words ("at least 60; default 900"),
    read from the model so that the help cannot drift from what `sources add` stores."""
    field = Source.model_fields[name]
    bounds = [f"at least {m.ge}" for m in field.metadata if getattr(m, "ge", None) is not None]
    return "; ".join([*bounds, f"default {field.default}"])


def _sources(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here so that `newsflow extract` does not pay for importing boto3.
    from newsflow.services.sources import source_record  # noqa: PLC0415
    from newsflow.wiring import source_repository  # noqa: PLC0415

    repository = source_repository()
    if args.sources_command == "list":
        after = None
        while True:
            page, more = repository.list_page(after=after, limit=100)
            for listed in page:
                out.write(listed.source.model_dump_json(exclude_none=True) + "\n")
            if not more or not page:
                return 0
            after = page[-1].source.id
    if args.sources_command == "show":
        stored = repository.get(args.id)
        if stored is None:
            return _no_source(args.id)
        stats = repository.get_run_stats(args.id)
        record = {
            **source_record(stored).model_dump(mode="json", exclude_none=True),
            "last_run": stats.last_run.model_dump(mode="json")
            if stats and stats.last_run
            else None,
            "totals": dict(stats.totals) if stats else {},
        }
        out.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.sources_command == "remove":
        if not repository.delete(args.id):
            return _no_source(args.id)
        out.write(json.dumps({"removed": args.id}) + "\n")
        return 0
    return _add_sources(args, repository, out)


def _no_source(source_id: str) -> int:
    """2, as every command exits for a name it does not know (argparse's usage error)."""
    say(f"no source {source_id!r} (`newsflow sources list` shows the sources)")
    return 2


# `sources add`'s flag for each `Source` field it sets, so that a refused value is named as
# it was given (`--poll-interval 5`, not `poll_interval_seconds`).
_SOURCE_FLAGS = {
    "name": "--name",
    "homepage": "--homepage",
    "feeds": "--feed",
    "sitemaps": "--sitemap",
    "allowed_url_patterns": "--allow",
    "blocked_url_patterns": "--block",
    "poll_interval_seconds": "--poll-interval",
    "min_delay_seconds": "--min-delay",
    "max_new_articles_per_run": "--max-new",
}


def _add_sources(args: argparse.Namespace, repository: SourceRepository, out: TextIO) -> int:
    from pydantic import ValidationError  # noqa: PLC0415

    from newsflow.services.discover_source import field_problems, load_sources  # noqa: PLC0415

    try:
        if args.file and args.id:
            say("give ID and --homepage, or --file, not both")
            return 2
        if args.file:
            sources = load_sources(args.file)
        elif args.id and args.homepage:
            fields = {
                "id": args.id,
                "name": args.name or args.id,
                "homepage": args.homepage,
                "feeds": args.feed,
                "sitemaps": args.sitemap,
                "allowed_url_patterns": args.allow,
                "blocked_url_patterns": args.block,
                "poll_interval_seconds": args.poll_interval,
                "min_delay_seconds": args.min_delay,
                "max_new_articles_per_run": args.max_new,
                "enabled": not args.disabled,
            }
            sources = [Source.model_validate({k: v for k, v in fields.items() if v is not None})]
        else:
            say("give ID and --homepage, or --file")
            return 2
        refused = _refused_source(sources, args.file, allow_loopback=args.allow_loopback)
        if refused:
            say(refused)
            return 2
    except ValidationError as exc:  # one line per field, not pydantic's report
        labels = None if args.file else _SOURCE_FLAGS  # a seed file's keys are the fields'
        say(f"invalid source: {field_problems(exc, labels)}")
        return 2
    except OSError as exc:  # as `extract` says it: "PATH: No such file or directory"
        say(f"{exc.filename}: {exc.strerror or exc}")
        return 2
    except ValueError as exc:
        say(str(exc))
        return 2
    return _store_sources(args, sources, repository, out)


def _refused_source(sources: list[Source], seed: Path | None, *, allow_loopback: bool) -> str:
    """Why the first source `check_source` refuses must not be stored, or "" when none is: a
    seed file's entry is named as `load_sources` names its problems (file, entry, id)."""
    from newsflow.services.discover_source import seed_entry_name  # noqa: PLC0415
    from newsflow.services.sources import InvalidSourceError, check_source  # noqa: PLC0415

    for index, source in enumerate(sources):
        try:
            check_source(source, allow_loopback=allow_loopback)
        except InvalidSourceError as exc:
            hint = (
                " (a site on this machine? add --allow-loopback)" if "loopback" in str(exc) else ""
            )
            if seed is None:
                return f"source {source.id}: {exc}{hint}"
            problems = "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
            return f"{seed_entry_name(seed, index, source.id)}: {problems}{hint}"
    return ""


def _store_sources(
    args: argparse.Namespace, sources: list[Source], repository: SourceRepository, out: TextIO
) -> int:
    """Store checked sources, with what their homepages name unless --no-autodiscover; one
    JSON line each, and a line on stderr for what discovery will not be able to poll."""
    from newsflow.fetch import PoliteClient  # noqa: PLC0415
    from newsflow.services.discover_source import (  # noqa: PLC0415
        unreadable_documents,
        with_autodiscovered,
    )
    from newsflow.services.sources import InvalidSourceError, check_source  # noqa: PLC0415

    status = 0
    # The timeouts discovery is deployed with (NEWSFLOW_FETCH_*), as the functions read them.
    settings = fetch_settings(allow_loopback=args.allow_loopback)
    with PoliteClient(settings) as client:
        for source in sources:
            # Said before its homepage is read: that read can take a slow site's timeouts.
            # The put below stays conditional, for a source added meanwhile.
            if not args.replace and repository.get(source.id) is not None:
                say(_EXISTS.format(source.id))
                status = 1
                continue
            if not args.no_autodiscover:
                _say_reading(source.id, f"{source.homepage} and its robots.txt", settings)
            found, problem = (
                (source, "") if args.no_autodiscover else with_autodiscovered(client, source)
            )
            try:
                check_source(found, allow_loopback=args.allow_loopback)  # what it found, too
            except InvalidSourceError as exc:
                say(f"source {source.id}: {exc}")
                status = 1
                continue
            put = repository.put(found, now=datetime.now(UTC), create_only=not args.replace)
            if put is None:
                say(_EXISTS.format(source.id))
                status = 1
                continue
            line = {"id": found.id, "created": put[1], "feeds": found.feeds}
            line["sitemaps"] = found.sitemaps
            out.write(json.dumps(line) + "\n")
            _warn_unpolled(found, problem, looked=not args.no_autodiscover)
            if not args.no_autodiscover and (found.feeds or found.sitemaps):
                count = len(found.feeds) + len(found.sitemaps)
                _say_reading(found.id, f"its {count} feed(s) and sitemap(s)", settings)
                for url, why in unreadable_documents(client, found).items():
                    say(_UNREADABLE.format(found.id, url, why))
    return status


def _say_reading(source_id: str, what: str, settings: FetchSettings) -> None:
    """One line on stderr before a read that can take a silent site's timeouts (a homepage
    that never answered gave half a minute without a word)."""
    say(f"source {source_id}: reading {what} ({fetch_waits(settings)}) ...")


def _warn_unpolled(source: Source, problem: str, *, looked: bool) -> None:
    """Say when a stored source gives discovery nothing to poll, and why its homepage named
    nothing when it could not be read (`problem`, from autodiscovery)."""
    if problem:
        say(
            f"source {source.id}: its homepage {source.homepage} could not be read "
            f"({problem}), so no feed or sitemap was looked for there"
        )
    if not (source.feeds or source.sitemaps):
        why = "none found on its homepage or in its robots.txt"
        if not looked:
            why = "not looked for on its homepage or in its robots.txt"
        elif problem:
            why = "and its homepage could not be read"
        say(_NOTHING_TO_POLL.format(source.id, why))


_EXISTS = "source {0} exists (use --replace)"

# A feed or sitemap that gives no document now: stored all the same (a site may be down for a
# moment), but said, as discovery will record it on every poll until it answers.
_UNREADABLE = (
    "source {0}: {1} gives no document now ({2}): stored; discovery records it as "
    "a problem on each poll (`sources show {0}`) until it answers"
)

# Stored, but discovery polls only feeds and sitemaps: say so rather than leave it silent.
_NOTHING_TO_POLL = (
    "source {0}: stored, but it has no feed or sitemap to poll (none given, {1}): "
    "add some with `sources add {0} --homepage URL --replace --feed URL --sitemap URL ...`"
)
