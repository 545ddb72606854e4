"""Query API handler: API Gateway REST requests to the query services, errors as problems."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from http import HTTPStatus
from pathlib import Path as FilePath
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BeforeValidator, WithJsonSchema

from newsflow.config import get_api_settings
from newsflow.console import console_page
from newsflow.models import Source
from newsflow.models.api import (
    PROBLEM_BAD_REQUEST,
    PROBLEM_CONFLICT,
    PROBLEM_FORBIDDEN,
    PROBLEM_INTERNAL,
    PROBLEM_MEDIA_TYPE,
    PROBLEM_NOT_FOUND,
    PROBLEM_UNAVAILABLE,
    PROBLEM_VALIDATION,
    ArticleDetail,
    ArticlePage,
    FieldProblem,
    Health,
    Problem,
    SourcePage,
    SourceRecord,
    SourceStatus,
    VersionPage,
)
from newsflow.models.health import SourceHealth
from newsflow.models.source import SOURCE_ID_PATTERN
from newsflow.models.stories import StoryDetail, StoryPage
from newsflow.observability import logger, metrics
from newsflow.services import query, sources, stories
from newsflow.services.source_reports import (
    DEFAULT_DAYS,
    MAX_DAYS,
    health_of,
    source_status,
)
from newsflow.wiring import ApiDependencies, Injected, api_adapters

API_TITLE = "newsflow Query API"
API_VERSION = "1.0.0"
MAX_CURSOR = 2048
# What a 503 asks the client to wait: botocore's retries (storage.clients) took a few seconds
# already, so a store that did not answer them is not expected back at once.
RETRY_AFTER_SECONDS = 5


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"model": Problem}}}


# Every route that reads or writes the store can meet one that does not answer.
_UNAVAILABLE = {
    "description": "The store did not answer, or refused for load; try again after "
    "`Retry-After` seconds.",
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    "content": {PROBLEM_MEDIA_TYPE: {"model": Problem}},
}


def _responses(ok: int, description: str, *errors: int, store: bool = True) -> dict[int, Any]:
    """OpenAPI responses of a route: its success and each problem it can answer with (503 when
    it uses the `store`)."""
    described = {
        400: "The request cannot be served as asked (unknown query parameter, unsupported "
        "filters, bad cursor).",
        403: "An administrator route called without IAM credentials.",
        404: "No such article, version, source or story.",
        409: "A different source with this id exists (the same source again is a 201: a "
        "create whose answer was lost can be sent again), or other requests created and "
        "deleted one while this create ran (send it again as it was).",
        422: "A parameter or the body does not match its schema.",
    }
    responses: dict[int, Any] = {ok: {"description": description}}
    for status in (400, *errors, 422):  # any route refuses an unknown query parameter
        responses[status] = _problem_response(described[status])
    if store:
        responses[503] = _UNAVAILABLE
    return responses


app = APIGatewayRestResolver(enable_validation=True)
ADAPTERS = Injected[ApiDependencies]("api", api_adapters)


def cors_headers(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    """CORS on responses when configured (read on first use, unlike the resolver's own CORS,
    which is fixed at import); API Gateway answers the preflight OPTIONS itself."""
    response = next_middleware(app)
    origin = get_api_settings().cors_origin
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def known_parameters(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    """400 for a query parameter the route does not take (a typo such as `sourc` would
    otherwise list everything unfiltered), naming it and the ones the route accepts, and for
    one given more than once (`limit=3&limit=5`: which one was meant?)."""
    route = app.context.get("_route")
    given = app.current_event.multi_value_query_string_parameters or {}
    # Powertools runs an unmatched request through the chain too, on its not-found route.
    if route is None or not given or route.func.__name__ == "not_found_handler":
        return next_middleware(app)
    accepted = [param.alias for param in route.dependant.query_params]
    problem = _unknown_parameters(given, accepted) or _repeated_parameters(given)
    return problem or next_middleware(app)


def _unknown_parameters(given: dict[str, list[str]], accepted: list[str]) -> Response[str] | None:
    unknown = sorted(name for name in given if name not in accepted)
    if not unknown:
        return None
    named = ", ".join(repr(name[:64]) for name in unknown[:10])
    takes = ", ".join(accepted) if accepted else "none"
    return _problem(
        HTTPStatus.BAD_REQUEST,
        PROBLEM_BAD_REQUEST,
        f"unknown query parameter {named}; this route accepts: {takes}",
        errors=[
            FieldProblem(loc=["query", name[:64]], type="unknown_parameter")
            for name in unknown[:10]
        ],
    )


def _repeated_parameters(given: dict[str, list[str]]) -> Response[str] | None:
    # Every parameter of this API takes one value (none is a list).
    repeated = sorted(name for name, values in given.items() if len(values) > 1)
    if not repeated:
        return None
    named = ", ".join(f"{name!r} ({len(given[name])} times)" for name in repeated)
    return _problem(
        HTTPStatus.BAD_REQUEST,
        PROBLEM_BAD_REQUEST,
        f"query parameter given more than once: {named}; give each at most once",
        errors=[FieldProblem(loc=["query", name], type="repeated_parameter") for name in repeated],
    )


app.use(middlewares=[known_parameters, cors_headers])


def _problem(status: HTTPStatus, kind: str, detail: str, **extra: Any) -> Response[str]:
    body = Problem(type=kind, title=status.phrase, status=status.value, detail=detail, **extra)
    return Response(
        status_code=status.value,
        content_type=PROBLEM_MEDIA_TYPE,
        body=body.model_dump_json(exclude_none=True),
    )


class ForbiddenError(PermissionError):
    """An administrator route reached without an IAM identity."""


@app.exception_handler(query.InvalidRequestError)
def _bad_request(error: query.InvalidRequestError) -> Response[str]:
    return _problem(HTTPStatus.BAD_REQUEST, PROBLEM_BAD_REQUEST, str(error))


@app.exception_handler(query.ResourceNotFoundError)
def _not_found(error: query.ResourceNotFoundError) -> Response[str]:
    return _problem(HTTPStatus.NOT_FOUND, PROBLEM_NOT_FOUND, str(error))


@app.exception_handler(query.ConflictError)
def _conflict(error: query.ConflictError) -> Response[str]:
    return _problem(HTTPStatus.CONFLICT, PROBLEM_CONFLICT, str(error))


@app.exception_handler(ForbiddenError)
def _forbidden(error: ForbiddenError) -> Response[str]:
    return _problem(HTTPStatus.FORBIDDEN, PROBLEM_FORBIDDEN, str(error))


@app.exception_handler(RequestValidationError)
def _invalid(error: RequestValidationError) -> Response[str]:
    # Validation runs before the middlewares: a repeated scalar fails it as a list.
    given = app.current_event.multi_value_query_string_parameters or {}
    explained = _repeated_parameters(given) or _unencoded_plus(error.errors())
    if explained is not None:
        return explained
    # Location and kind only: messages can echo input and name internals.
    problems = [
        FieldProblem(loc=[part for part in e["loc"] if isinstance(part, str | int)], type=e["type"])
        for e in error.errors()
    ]
    pairs = zip(problems, error.errors(), strict=True)
    detail = "; ".join(_describe(problem, e.get("ctx")) for problem, e in pairs)
    return _problem(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        PROBLEM_VALIDATION,
        f"invalid input: {detail}",
        errors=problems,
    )


# Plain words for the kinds a client most often meets (pydantic's error types); the others
# are named by their type.
_DATE_TIME_WORDS = "not an ISO 8601 date-time (2026-11-29T08:00:00Z) or date (2026-11-29)"
_KIND_WORDS = {
    "extra_forbidden": "unknown field",
    "missing": "required",
    "json_invalid": "not valid JSON",
    "int_parsing": "not a whole number",
    "bool_parsing": "not true or false",
    "datetime_parsing": _DATE_TIME_WORDS,
    "datetime_from_date_parsing": _DATE_TIME_WORDS,
    "date_parsing": "not an ISO 8601 date (2026-11-29)",
    "date_from_datetime_parsing": "not an ISO 8601 date (2026-11-29)",
    "string_pattern_mismatch": "not of the accepted form (see /openapi.json)",
    # Bounds come from the route's own declaration (pydantic's ctx), never from the input.
    "less_than_equal": "at most {le}",
    "greater_than_equal": "at least {ge}",
    "string_too_short": "{min_length} or more characters",
    "string_too_long": "at most {max_length} characters",
}


def _describe(problem: FieldProblem, bounds: Any = None) -> str:
    """`body.poll_interval: unknown field`, `query.limit: at most 100`; a JSON syntax
    error's location is a character offset: `body: not valid JSON (at character 71)`.
    `bounds`: pydantic's ctx of the error (the declared limit a bound's words name)."""
    words = _KIND_WORDS.get(problem.type, problem.type)
    try:
        words = words.format_map(bounds if isinstance(bounds, dict) else {})
    except (KeyError, ValueError):
        words = problem.type
    names = [str(part) for part in problem.loc if isinstance(part, str)]
    offsets = [part for part in problem.loc if isinstance(part, int)]
    if problem.type == "json_invalid" and offsets:
        return f"{'.'.join(names)}: {words} (at character {offsets[0]})"
    return f"{'.'.join(str(part) for part in problem.loc)}: {words}"


# A date-time ending in a space and an offset ("…T10:00:00 01:00"): its "+" was sent as is,
# and a "+" in a URL's query means a space (HTML form encoding, which API Gateway applies).
_PLUS_AS_SPACE = re.compile(r"\d \d{2}(:?\d{2})?$")


def _unencoded_plus(errors: Sequence[Any]) -> Response[str] | None:
    """400 naming each date-time query parameter whose offset lost its "+", and the fix."""
    names = [
        str(e["loc"][-1])
        for e in errors
        if tuple(e["loc"][:1]) == ("query",)
        and str(e["type"]).startswith("datetime")
        and _PLUS_AS_SPACE.search(str(e.get("input", "")))
    ]
    if not names:
        return None
    return _problem(
        HTTPStatus.BAD_REQUEST,
        PROBLEM_BAD_REQUEST,
        f"query parameter {', '.join(map(repr, names))}: the '+' of the UTC offset arrived as a "
        "space, because '+' in a URL query means a space; send it encoded as %2B "
        "(2026-11-20T10:00:00%2B01:00), or give the time in UTC with Z",
        errors=[FieldProblem(loc=["query", name], type="unencoded_plus") for name in names],
    )


@app.not_found
def _no_route(_: NotFoundError) -> Response[str]:
    return _problem(HTTPStatus.NOT_FOUND, PROBLEM_NOT_FOUND, "no such route")


@app.exception_handler(Exception)
def _unexpected(error: Exception) -> Response[str]:
    # Imported on the first error: the handler's import does not pay for it (issue 14).
    from newsflow.storage.unavailable import store_unavailable  # noqa: PLC0415

    if store_unavailable(error):
        return _unavailable(error)
    # Last resort: logged with its trace for us, a generic problem for the caller.
    logger.exception("unhandled error", extra={"error_type": type(error).__name__})
    return _problem(HTTPStatus.INTERNAL_SERVER_ERROR, PROBLEM_INTERNAL, "internal error")


def _unavailable(error: Exception) -> Response[str]:
    """503 with Retry-After: the store did not answer, or refused for load, through the
    clients' retries. Not our fault, so a warning without a trace; the kind only for the
    caller (an AWS message can name internals)."""
    logger.warning("store unavailable", extra={"error_type": type(error).__name__})
    response = _problem(
        HTTPStatus.SERVICE_UNAVAILABLE,
        PROBLEM_UNAVAILABLE,
        "the store did not answer, or refused the request for load; "
        f"try again in {RETRY_AFTER_SECONDS} s",
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _require_admin() -> None:
    """Admin routes are IAM-authorized at API Gateway; refuse here too if a request arrives
    without the caller's IAM identity (a misconfigured stage or a local replay)."""
    identity = app.current_event.request_context.identity
    if not (identity.user_arn or identity.caller):
        raise ForbiddenError("this route needs an IAM-signed request (SigV4) by an administrator")


# A date alone is accepted where a date-time is (pydantic reads 2026-11-29 as its midnight UTC;
# `to` takes in the whole day): the document says so, rather than `format: date-time` alone.
DateOrDateTime = WithJsonSchema(
    {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}
)
Cursor = Annotated[
    str | None,
    Query(max_length=MAX_CURSOR, description="next_cursor of the previous page."),
]
Limit = Annotated[int | None, Query(ge=1, le=100, description="Page size (default 20).")]
ArticleId = Annotated[
    str, Path(description="32 hex digits; an id of any other shape is not found (404).")
]
SourceId = Annotated[str, Path(pattern=SOURCE_ID_PATTERN)]


@app.get(
    "/articles",
    summary="List articles, newest first",
    description=(
        "Each filter combination is served by one index: none, from/to, source, language or "
        "section (each optionally with from/to), or updated_since alone (oldest update "
        "first, for incremental sync). Other combinations get 400."
    ),
    responses=_responses(200, "One page of articles.", 400),
)
def list_articles(  # noqa: PLR0917 (one argument per query parameter)
    source: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    language: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", max_length=35)
    ] = None,
    section: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    published_from: Annotated[
        datetime | None,
        DateOrDateTime,
        Query(
            alias="from",
            description=(
                "Published at or after (naive means UTC); a date alone is the start of that "
                "UTC day."
            ),
        ),
    ] = None,
    published_to: Annotated[
        datetime | None,
        BeforeValidator(query.whole_day_to),
        DateOrDateTime,
        Query(
            alias="to",
            description=(
                "Published at or before (naive means UTC); a date alone (2026-11-29) "
                "takes in that whole UTC day."
            ),
        ),
    ] = None,
    updated_since: Annotated[
        datetime | None,
        DateOrDateTime,
        Query(
            description=(
                "Index changed at or after (incremental sync; naive means UTC); a date alone "
                "is the start of that UTC day."
            )
        ),
    ] = None,
    limit: Limit = None,
    cursor: Cursor = None,
    story: Annotated[
        str | None, Query(pattern=r"^[0-9a-f]{32}$", description="A story's id: 32 hex digits.")
    ] = None,
    tdm_reserved: Annotated[
        bool | None,
        Query(description="Rights record: false = no TDMRep reservation declared (0 or none)."),
    ] = None,
) -> ArticlePage:
    filters = query.ArticleFilters(
        tdm_reserved=tdm_reserved,
        source=source,
        language=language,
        section=section,
        published_from=published_from,
        published_to=published_to,
        updated_since=updated_since,
        story=story,
    )
    return query.list_articles(ADAPTERS.get().query, filters, limit=limit, cursor=cursor)


@app.get(
    "/articles/<article_id>",
    summary="One article with its index fields (latest version, or ?version=N)",
    responses=_responses(200, "The article, inline or as a presigned link.", 404),
)
def get_article(
    article_id: ArticleId,
    version: Annotated[int | None, Query(ge=1, le=999_999)] = None,
) -> ArticleDetail:
    return query.get_article(ADAPTERS.get().query, article_id, version)


@app.get(
    "/articles/<article_id>/versions",
    summary="Versions of an article, oldest first, with their changed fields",
    responses=_responses(200, "One page of versions.", 400, 404),
)
def list_versions(article_id: ArticleId, limit: Limit = None, cursor: Cursor = None) -> VersionPage:
    return query.list_versions(ADAPTERS.get().query, article_id, limit=limit, cursor=cursor)


# -- stories (docs/stories.md) ------------------------------------------------------------------


@app.get(
    "/stories",
    summary="Stories of a range of days, newest day first, largest story first within a day",
    responses=_responses(200, "One page of stories.", 400),
)
def list_stories(
    first: Annotated[date | None, Query(alias="from", description="UTC day (default: to).")] = None,
    last: Annotated[date | None, Query(alias="to", description="UTC day (default: today).")] = None,
    limit: Limit = None,
    cursor: Cursor = None,
) -> StoryPage:
    return stories.list_stories(ADAPTERS.get().stories, first, last, limit=limit, cursor=cursor)


@app.get(
    "/stories/<story_id>",
    summary="A story and its copies (source, time, title, similarity to the first copy)",
    responses=_responses(200, "The story and one page of its copies.", 400, 404),
)
def get_story(story_id: ArticleId, limit: Limit = None, cursor: Cursor = None) -> StoryDetail:
    return stories.get_story(ADAPTERS.get().stories, story_id, limit=limit, cursor=cursor)


@app.get(
    "/sources",
    summary="List sources in id order",
    responses=_responses(200, "One page of sources.", 400),
)
def list_sources(limit: Limit = None, cursor: Cursor = None) -> SourcePage:
    return sources.list_sources(ADAPTERS.get().sources, limit=limit, cursor=cursor)


@app.get(
    "/sources/<source_id>",
    summary="One source: its last run, discovery totals and its pages' outcomes (30 days)",
    responses=_responses(200, "The source.", 404),
)
def get_source(source_id: SourceId) -> SourceStatus:
    return source_status(ADAPTERS.get().sources, ADAPTERS.get().health, source_id)


@app.get(
    "/sources/<source_id>/health",
    summary="A source's extraction health per UTC day, its baseline and drift events",
    responses=_responses(200, "The daily series, oldest first.", 404),
)
def get_source_health(
    source_id: SourceId,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = DEFAULT_DAYS,
) -> SourceHealth:
    return health_of(ADAPTERS.get().sources, ADAPTERS.get().health, source_id, days)


ADMIN = [{"sigv4": []}]


@app.exception_handler(sources.InvalidSourceError)
def _invalid_source(error: sources.InvalidSourceError) -> Response[str]:
    # 400, not 422: the body has the schema's shape, but a field breaks a source rule.
    problems = [
        FieldProblem(loc=["body", *_path(p.field)], type="source_rule") for p in error.problems
    ]
    return _problem(HTTPStatus.BAD_REQUEST, PROBLEM_BAD_REQUEST, str(error), errors=problems)


def _path(field: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in field.split(".")]


@app.post(
    "/sources",
    summary="Create a source (administrators, IAM)",
    security=ADMIN,
    responses=_responses(
        201,
        "Created, or this very source was created before: a create is idempotent, so one "
        "that timed out or answered 503 can be retried as it was and gets the same record.",
        400,
        403,
        409,
    ),
)
def create_source(source: Annotated[Source, Body()]) -> Response[SourceRecord]:
    _require_admin()
    record = sources.create_source(ADAPTERS.get().sources, source)
    return Response(
        status_code=HTTPStatus.CREATED.value,
        content_type="application/json",
        body=record,
        headers={"Location": f"/sources/{record.source.id}"},
    )


@app.put(
    "/sources/<source_id>",
    summary="Create or replace a source (administrators, IAM)",
    security=ADMIN,
    responses={
        **_responses(200, "Replaced.", 400, 403),
        201: {"description": "Created."},
    },
)
def replace_source(
    source_id: SourceId, source: Annotated[Source, Body()]
) -> Response[SourceRecord]:
    _require_admin()
    record, created = sources.replace_source(ADAPTERS.get().sources, source_id, source)
    status = HTTPStatus.CREATED if created else HTTPStatus.OK
    return Response(status_code=status.value, content_type="application/json", body=record)


@app.delete(
    "/sources/<source_id>",
    summary="Delete a source and its run statistics (administrators, IAM)",
    security=ADMIN,
    responses={
        204: {"description": "Deleted.", "content": {}},
        **{k: v for k, v in _responses(204, "", 403, 404).items() if k != 204},
    },
)
def delete_source(source_id: SourceId) -> Response[None]:
    _require_admin()
    sources.delete_source(ADAPTERS.get().sources, source_id)
    return Response(status_code=HTTPStatus.NO_CONTENT.value)


@app.get("/health", summary="Liveness", responses=_responses(200, "Up.", store=False))
def health() -> Health:
    return Health()


@app.get("/console", include_in_schema=False)
def console() -> Response[str]:
    """The console page (no key to load it; its own API calls send the reader key)."""
    return Response(
        status_code=HTTPStatus.OK.value,
        content_type="text/html; charset=utf-8",
        body=console_page(),
        # The page is part of the deployed package: a browser may keep it for a few minutes.
        headers={"Cache-Control": "max-age=300"},
    )


@app.get(
    "/openapi.json",
    summary="This document",
    responses=_responses(200, "OpenAPI 3.1.", store=False),
    security=[{}],  # no key, like /docs that shows it (template.yaml: ApiKeyRequired false)
)
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(openapi_document())
    return document


def openapi_document(base_path: str = "") -> str:
    """The OpenAPI document generated from the routes and their models; `base_path`: the
    stage prefix the API is called under ("" when none), its one server."""
    from aws_lambda_powertools.event_handler.openapi.models import Server  # noqa: PLC0415

    return app.get_openapi_json_schema(servers=[Server(url=base_path or "/")], **_openapi_info())


# Powertools' OpenAPI models (a few hundred pydantic models) load only when the document or
# the docs page is asked for: building them at import was a third of the cold start (issue 14).
@cache
def _openapi_info() -> dict[str, Any]:
    from aws_lambda_powertools.event_handler.openapi.models import (  # noqa: PLC0415
        APIKey,
        APIKeyIn,
    )

    return {
        "title": API_TITLE,
        "version": API_VERSION,
        "description": (
            "Articles ingested by newsflow and the sources they come from. Send the API key "
            "as `x-api-key`; administrator routes need a SigV4-signed request instead."
        ),
        "security_schemes": {
            "apiKey": APIKey(name="x-api-key", in_=APIKeyIn.header),
            # OpenAPI has no SigV4 scheme; API Gateway's own extension names it.
            "sigv4": APIKey(
                name="Authorization",
                in_=APIKeyIn.header,
                description="AWS IAM: a SigV4-signed request (awscurl, botocore auth).",
                openapi_extensions={"x-amazon-apigateway-authtype": "awsSigv4"},
            ),
        },
        "security": [{"apiKey": []}],
    }


@app.get("/docs", include_in_schema=False)
def docs() -> Response[str]:
    """Swagger UI on this document, its JavaScript and CSS inlined from Powertools' own copy
    (no CDN). Powertools' `enable_swagger` would load the OpenAPI models at import."""
    from aws_lambda_powertools.event_handler.openapi import swagger_ui  # noqa: PLC0415

    assets = FilePath(swagger_ui.__file__).parent
    # As Powertools does: "</" escaped, so the document cannot close the page's script tag.
    spec = openapi_document(_base_path()).replace("</", "<\\/")
    body = swagger_ui.generate_swagger_html(
        spec,
        (assets / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        (assets / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",
        oauth2_config=None,
    )
    # No favicon: without this the browser asks /favicon.ico, a route API Gateway refuses (403).
    body = body.replace("<head>", '<head>\n<link rel="icon" href="data:,">', 1)
    return Response(status_code=HTTPStatus.OK.value, content_type="text/html", body=body)


def _base_path() -> str:
    """The stage prefix of the request's path ("/Prod"), "" behind a custom domain or locally
    (Powertools' rule for a REST API)."""
    context = app.current_event.request_context
    stage = context.stage
    if stage and stage != "$default" and context.path.startswith(f"/{stage}"):
        return f"/{stage}"
    return ""


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(
    event: dict[str, Any], context: LambdaContext, adapters: ApiDependencies | None = None
) -> dict[str, Any]:
    """Entry point: one API Gateway REST (proxy) request. `adapters`: what to run on
    instead of the deployed resources (tests)."""
    metrics.add_metric(name="ApiRequests", unit=MetricUnit.Count, value=1)
    with ADAPTERS.use(adapters):
        return app.resolve(event, context)
