"""`python -m newsflow.local.moto_server ARGS`: moto's server (`python -m moto.server ARGS`) with
the transaction backups of moto_backups.py, and its list of services read once. moto's own
copies the whole table once per item of every TransactWriteItems, which was most of a local
run's CPU (three quarters of the samples of moto's request handling during a `newsflow local
--once` of the fixture site)."""

from __future__ import annotations

from collections.abc import Iterable

from moto import backends
from moto.server import main

from newsflow.local.moto_backups import copy_each_table_once_per_transaction


def list_services_once() -> None:
    """moto's server asks `backends.list_of_moto_modules()` on each request whether the host
    names a service: a listing of moto's package folder with a stat per entry (174 of them),
    about 0.5 ms of a request's 3-4 ms of CPU. The folder does not change while it runs."""
    services = tuple(backends.list_of_moto_modules())

    def listed() -> Iterable[str]:
        return services

    backends.list_of_moto_modules = listed


if __name__ == "__main__":
    copy_each_table_once_per_transaction()
    list_services_once()
    main()
