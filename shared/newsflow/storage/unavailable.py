"""Whether a failed AWS call means the store did not answer (retry later), not a fault of ours.

The rules are botocore's own: an error its standard retry mode retries as transient (no
connection, a timeout, a closed connection, HTTP 500/502/503/504) or as throttled
(`ThrottlingException`, `ProvisionedThroughputExceededException`, S3's `SlowDown` ...). Such
an error reaching a caller has outlived the clients' retries (`storage.clients`: standard
mode, 4 attempts), so the caller can only ask its own client to come back later: the Query
API answers 503 with `Retry-After` (docs/architecture.md, "Query API").
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _checkers() -> tuple[Any, ...]:
    # Imported on the first failed call: botocore is loaded by then, its retry module is not.
    from botocore.retries.standard import (  # noqa: PLC0415
        ThrottledRetryableChecker,
        TransientRetryableChecker,
    )

    return TransientRetryableChecker(), ThrottledRetryableChecker()


def store_unavailable(error: BaseException) -> bool:
    """True when `error` is an AWS call that the service did not answer, or refused for load;
    False for any other error (a missing table, bad credentials, a bug: those are ours)."""
    from botocore.awsrequest import AWSResponse  # noqa: PLC0415
    from botocore.compat import HTTPHeaders  # noqa: PLC0415
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415
    from botocore.retries.standard import RetryContext  # noqa: PLC0415

    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        answer = AWSResponse("", status, HTTPHeaders(), None) if status else None
        context = RetryContext(1, parsed_response=error.response, http_response=answer)
    elif isinstance(error, BotoCoreError):
        context = RetryContext(1, caught_exception=error)
    else:
        return False
    return any(checker.is_retryable(context) for checker in _checkers())
