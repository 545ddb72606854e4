"""Fixtures of the unit tests: the loopback site and clients (defined in tests/support)."""

from support.loopback_site import client, make_client, site

__all__ = ["client", "make_client", "site"]
