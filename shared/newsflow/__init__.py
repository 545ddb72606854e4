"""newsflow: serverless news ingestion: discover, fetch, extract, store, query."""

__version__ = "0.1.0"
