"""Shared helpers of the Query API tests."""
