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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (per warm Lambda container)."""
    return Settings()
