"""The one place settings are read: typed, from the environment, on first use."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsflow.extract import DEFAULT_MAX_BYTES


class Settings(BaseSettings):
    """newsflow settings; each field reads the environment variable `NEWSFLOW_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", extra="ignore")

    max_object_bytes: int = Field(
        default=DEFAULT_MAX_BYTES, gt=0, description="Larger pages become `too_large`."
    )
    announce_lease_seconds: int = Field(
        default=90,
        gt=0,
        description=(
            "How long a writer owns the announcement of the version it wrote; after that a "
            "retry may complete it. Must exceed the function timeout and stay below the "
            "queue's visibility timeout minus the function timeout."
        ),
    )


class AwsResources(BaseSettings):
    """Names of the deployed resources; required, because a guessed name hides a broken stack."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", extra="ignore")

    bucket: str = Field(min_length=3, description="The bucket with raw/, uploads/, articles/.")
    table: str = Field(min_length=3, description="The DynamoDB table of articles and URLs.")
    event_bus: str = Field(min_length=1, description="The EventBridge bus events go to.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (per warm Lambda container)."""
    return Settings()


@lru_cache(maxsize=1)
def get_resources() -> AwsResources:
    """Resource names read once per process; raises if one is not set."""
    return AwsResources()
