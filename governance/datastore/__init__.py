"""The versioned data store of the data folder: preview, atomic commit, history, compare,
rollback, freshness (see ``store`` for the layout on disk and why a commit cannot half
happen)."""

from governance.datastore.errors import DataStoreError, NothingToCommitError
from governance.datastore.frames import Diff, RowChange
from governance.datastore.store import (
    MODES,
    Plan,
    Store,
    TablePlan,
    TableVersion,
    Version,
    os_user,
    read_table_file,
)

__all__ = [
    "MODES",
    "DataStoreError",
    "Diff",
    "NothingToCommitError",
    "Plan",
    "RowChange",
    "Store",
    "TablePlan",
    "TableVersion",
    "Version",
    "os_user",
    "read_table_file",
]
