"""Fixtures of the integration tests: the moto stack built from template.yaml (tests/support)
and the processing path on the in-memory adapters of tests/fakes."""

import pytest
from fakes.processing import InMemoryStack
from support.aws_stack import aws

__all__ = ["aws", "memory"]


@pytest.fixture
def memory() -> InMemoryStack:
    """The processing path on in-memory adapters: for tests of what processing decides, where
    no AWS behaviour is in question (test_port_contracts.py holds them to the same rules)."""
    return InMemoryStack()
