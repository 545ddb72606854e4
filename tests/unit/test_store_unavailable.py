"""Which failed AWS calls mean "the store did not answer, retry later" (the Query API's 503):
botocore's own transient and throttled errors, in the shapes botocore raises them."""

from __future__ import annotations

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from newsflow.storage.unavailable import store_unavailable


def _client_error(code: str, status: int, operation: str = "Query") -> ClientError:
    """A ClientError as botocore raises it from a parsed service answer."""
    answer = {
        "Error": {"Code": code, "Message": f"{code} (test)"},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(answer, operation)  # type: ignore[arg-type]


def _name(error: Exception) -> str:
    if isinstance(error, ClientError):
        return str(error.response["Error"]["Code"])
    return type(error).__name__


@pytest.mark.parametrize(
    "error",
    [
        EndpointConnectionError(endpoint_url="http://127.0.0.1:5005"),
        ConnectTimeoutError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
        _client_error("ProvisionedThroughputExceededException", 400),
        _client_error("ThrottlingException", 400),
        _client_error("RequestLimitExceeded", 400),
        _client_error("SlowDown", 503, "GetObject"),
        _client_error("InternalServerError", 500),
        _client_error("ServiceUnavailable", 503),
    ],
    ids=_name,
)
def test_unanswered_or_throttled_calls_are_unavailable(error: Exception) -> None:
    assert store_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        _client_error("ResourceNotFoundException", 400),  # a missing table: our deployment
        _client_error("ConditionalCheckFailedException", 400),
        _client_error("AccessDeniedException", 400),
        _client_error("NoSuchKey", 404, "GetObject"),
        NoCredentialsError(),
        ValueError("a bug of ours"),
    ],
    ids=_name,
)
def test_other_failures_are_not_unavailable(error: Exception) -> None:
    assert not store_unavailable(error)
