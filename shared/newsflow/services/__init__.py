"""Use cases: pure orchestration of extraction and storage over the ports in `ports`."""
