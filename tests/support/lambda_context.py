"""The one stand-in for a Lambda context that tests and benchmarks pass to a handler."""

from __future__ import annotations

from dataclasses import dataclass

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
# Lambda's longest timeout (900 s): a handler that watches the clock sees time to spare.
MAX_REMAINING_MILLIS = 900_000


@dataclass(frozen=True)
class LambdaContext:
    """What Powertools and our handlers read of a context: the function's name, memory and ARN,
    the request id and the time left (`get_remaining_time_in_millis`, constant here)."""

    function_name: str = "process"
    memory_limit_in_mb: int = 1024
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"
    remaining_millis: int = MAX_REMAINING_MILLIS

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_millis
