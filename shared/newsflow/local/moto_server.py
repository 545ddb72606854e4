"""`python -m newsflow.local.moto_server ARGS`: moto's server (`python -m moto.server ARGS`) with
the transaction backups of moto_backups.py. moto's own copies the whole table once per item of
every TransactWriteItems, which was most of a local run's CPU (three quarters of the samples of
moto's request handling during a `newsflow local --once` of the fixture site)."""

from __future__ import annotations

from moto.server import main

from newsflow.local.moto_backups import copy_each_table_once_per_transaction

if __name__ == "__main__":
    copy_each_table_once_per_transaction()
    main()
