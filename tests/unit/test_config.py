"""Settings read from the environment (newsflow.config): names, defaults, validation, errors."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from pydantic import BaseModel, ValidationError

from newsflow.config import (
    ApiSettings,
    AwsResources,
    EnvironmentSettings,
    ScrapeSettings,
    Settings,
    SettingsError,
    fetch_environment,
    fetch_settings,
)
from newsflow.limits import MAX_PAGE_BYTES


@pytest.fixture(autouse=True)
def _no_newsflow_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [
        "NEWSFLOW_MAX_OBJECT_BYTES",
        "NEWSFLOW_ANNOUNCE_LEASE_SECONDS",
        "NEWSFLOW_BUCKET",
        "NEWSFLOW_TABLE",
        "NEWSFLOW_EVENT_BUS",
        "NEWSFLOW_API_CURSOR_KEY",
        "NEWSFLOW_API_DEFAULT_LIMIT",
        "NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK",
        "NEWSFLOW_FETCH_QUEUE_URL",
        "NEWSFLOW_DISCOVER_QUEUE_URL",
        "NEWSFLOW_FETCH_TOTAL_TIMEOUT",
        "NEWSFLOW_FETCH_ALLOW_LOOPBACK",
    ]:
        monkeypatch.delenv(name, raising=False)


def test_settings_unset_variables_keep_their_defaults() -> None:
    settings = Settings.from_environment()

    assert settings.max_object_bytes == MAX_PAGE_BYTES
    assert settings.announce_lease_seconds == 90


def test_settings_variable_is_read_as_its_field_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_MAX_OBJECT_BYTES", "2048")

    assert Settings.from_environment().max_object_bytes == 2048


def test_settings_variable_name_matches_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("newsflow_bucket", "raw-pages")
    monkeypatch.setenv("NEWSFLOW_Table", "articles")
    monkeypatch.setenv("NEWSFLOW_EVENT_BUS", "bus")

    resources = AwsResources.from_environment()

    assert (resources.bucket, resources.table, resources.event_bus) == (
        "raw-pages",
        "articles",
        "bus",
    )


def test_settings_missing_required_variables_are_each_named() -> None:
    with pytest.raises(SettingsError) as raised:
        AwsResources.from_environment()

    assert [(p.variable, p.missing) for p in raised.value.problems] == [
        ("NEWSFLOW_BUCKET", True),
        ("NEWSFLOW_TABLE", True),
        ("NEWSFLOW_EVENT_BUS", True),
    ]
    assert str(raised.value).startswith("NEWSFLOW_BUCKET is not set; NEWSFLOW_TABLE is not")


def test_a_refused_fetch_setting_is_named_with_its_own_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The CLI found a variable's prefix by matching the error's title to a settings class's
    # name; the error names the variable itself now, whichever class read it.
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "abc")
    with pytest.raises(SettingsError) as raised:
        fetch_settings()
    ((variable, missing, value, _),) = raised.value.problems
    assert (variable, missing, value) == ("NEWSFLOW_FETCH_READ_TIMEOUT", False, "abc")
    assert isinstance(raised.value.__cause__, ValidationError)


def test_settings_refused_value_reports_the_value_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_MAX_OBJECT_BYTES", "ten")
    monkeypatch.setenv("NEWSFLOW_ANNOUNCE_LEASE_SECONDS", "")  # set, but empty: refused too

    with pytest.raises(SettingsError) as raised:
        Settings.from_environment()

    assert isinstance(raised.value.__cause__, ValidationError)
    assert [(e["loc"], e["type"], e["input"]) for e in raised.value.__cause__.errors()] == [
        (("max_object_bytes",), "int_parsing", "ten"),
        (("announce_lease_seconds",), "int_parsing", ""),
    ]


def test_api_settings_read_their_own_prefix_and_the_query_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSFLOW_API_CURSOR_KEY", "k" * 32)
    monkeypatch.setenv("NEWSFLOW_API_DEFAULT_LIMIT", "50")
    monkeypatch.setenv("NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK", "true")
    monkeypatch.setenv("NEWSFLOW_MAX_OBJECT_BYTES", "7")  # another class's variable

    settings = ApiSettings.from_environment()

    assert settings.cursor_key.get_secret_value() == "k" * 32
    assert settings.default_limit == 50
    assert settings.sources_allow_loopback is True
    assert "max_object_bytes" not in ApiSettings.model_fields


def test_api_settings_bound_out_of_range_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_API_CURSOR_KEY", "k" * 32)
    monkeypatch.setenv("NEWSFLOW_API_DEFAULT_LIMIT", "101")

    with pytest.raises(SettingsError) as raised:
        ApiSettings.from_environment()

    assert [p.variable for p in raised.value.problems] == ["NEWSFLOW_API_DEFAULT_LIMIT"]
    assert isinstance(raised.value.__cause__, ValidationError)
    assert [(e["loc"], e["type"]) for e in raised.value.__cause__.errors()] == [
        (("default_limit",), "less_than_equal")
    ]


def test_fetch_settings_read_newsflow_fetch_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFLOW_FETCH_QUEUE_URL", "https://sqs/fetch")
    monkeypatch.setenv("NEWSFLOW_DISCOVER_QUEUE_URL", "https://sqs/discover")
    monkeypatch.setenv("NEWSFLOW_FETCH_TOTAL_TIMEOUT", "12.5")
    monkeypatch.setenv("NEWSFLOW_FETCH_ALLOW_LOOPBACK", "1")

    fetch = ScrapeSettings.from_environment().fetch_settings()

    assert fetch.total_timeout == 12.5
    assert fetch.allow_loopback is True
    assert fetch.connect_timeout == 5.0  # unset: the default


def _outcome(read: Callable[..., BaseModel], given: dict[str, object]) -> tuple[str, object]:
    """What reading settings gives: their values, or each error's field, kind and input."""
    try:
        return "values", read(**given).model_dump(mode="json")
    except (SettingsError, ValidationError) as raised:
        # ours raises SettingsError from the ValidationError pydantic-settings raises
        error = raised.__cause__ if isinstance(raised, SettingsError) else raised
        assert isinstance(error, ValidationError)
        return "refused", [(e["loc"], e["type"], e["input"]) for e in error.errors()]


# Environments at the edges of the rules EnvironmentSettings takes from pydantic-settings:
# names in other cases, empty values, words pydantic reads as booleans, numbers with space.
EDGE_ENVIRONMENTS = [
    {},
    {"newsflow_max_object_bytes": "5", "NEWSFLOW_announce_lease_seconds": " 7 "},
    {"NEWSFLOW_MAX_OBJECT_BYTES": "", "NEWSFLOW_ANNOUNCE_LEASE_SECONDS": "5.0"},
    {"NEWSFLOW_MAX_OBJECT_BYTES": "1e3"},
    {"NEWSFLOW_API_CURSOR_KEY": "k" * 32, "NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK": "yes"},
    {"NEWSFLOW_API_CURSOR_KEY": "k" * 32, "NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK": "Off"},
    {"NEWSFLOW_API_CURSOR_KEY": "k" * 32, "NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK": ""},
    {"NEWSFLOW_API_CURSOR_KEY": "short", "NEWSFLOW_API_CORS_ORIGIN": ""},
    {"NEWSFLOW_API_CURSOR_KEY": "k" * 32, "NEWSFLOW_API_PAGE_SECONDS": "nan"},
    {"NEWSFLOW_FETCH_ALLOW_LOOPBACK": "no", "NEWSFLOW_FETCH_READ_TIMEOUT": "null"},
    {"NEWSFLOW_FETCH_AGENT_NAME": "", "newsflow_fetch_total_timeout": "inf"},
]
READERS: list[tuple[Callable[[], type[EnvironmentSettings]], dict[str, object]]] = [
    (lambda: Settings, {}),
    (lambda: ApiSettings, {}),
    (fetch_environment, {}),
    (fetch_environment, {"allow_loopback": True}),  # a field given, as the CLI gives one
]


@pytest.mark.parametrize("environment", EDGE_ENVIRONMENTS)
@pytest.mark.parametrize(("settings", "given"), READERS)
def test_settings_read_the_environment_as_pydantic_settings_reads_it(
    environment: dict[str, str],
    settings: Callable[[], type[EnvironmentSettings]],
    given: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN pydantic-settings (a dev tool's dependency, no longer ours) reading the same fields
    pydantic_settings = pytest.importorskip("pydantic_settings")
    ours = settings()
    config = pydantic_settings.SettingsConfigDict(env_prefix=ours.env_prefix, extra="ignore")
    reference = type("Reference", (pydantic_settings.BaseSettings, ours), {"model_config": config})
    # and an environment with only these NEWSFLOW_* variables
    for name in list(os.environ):
        if name.upper().startswith("NEWSFLOW_"):
            monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # THEN ours reads the same values, or refuses the same values, as pydantic-settings
    assert _outcome(ours.from_environment, given) == _outcome(reference, given)
