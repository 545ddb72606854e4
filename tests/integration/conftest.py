"""Fixtures of the integration tests: the moto stack built from template.yaml (tests/support)."""

from support.aws_stack import aws

__all__ = ["aws"]
