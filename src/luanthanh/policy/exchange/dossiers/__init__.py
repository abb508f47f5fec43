"""Historic import of dossiers from an old system (CSV).

The engine behind ``POST @dossier-import``, ``scripts/import_dossiers.py``
and the demo data (:mod:`luanthanh.policy.setuphandlers.demo_dossiers`),
which go through :mod:`luanthanh.policy.api.exchange`:

1. :mod:`.reading` reads a UTF-8 CSV file (with or without BOM) into
   :class:`~.rows.Row` objects, each with the line it starts on (the header
   is 1);
2. :mod:`.validation` checks every row and returns clean values or numbered
   Vietnamese errors;
3. :mod:`.importing` creates or updates the dossiers by ``code``, all or
   nothing, and leaves dossiers that already match untouched, each written
   once by :mod:`.writing`;
4. :mod:`.batches` does the same for large files (the command line), one
   committed transaction per batch.
"""

from luanthanh.policy.exchange.dossiers.batches import Batch
from luanthanh.policy.exchange.dossiers.batches import BATCH_SIZE
from luanthanh.policy.exchange.dossiers.batches import DossierBatchError
from luanthanh.policy.exchange.dossiers.batches import import_in_batches
from luanthanh.policy.exchange.dossiers.importing import dossier_values
from luanthanh.policy.exchange.dossiers.importing import import_dossiers
from luanthanh.policy.exchange.dossiers.reading import parse
from luanthanh.policy.exchange.dossiers.reading import rows_from_dicts
from luanthanh.policy.exchange.dossiers.reading import to_csv
from luanthanh.policy.exchange.dossiers.rows import ALL_COLUMNS
from luanthanh.policy.exchange.dossiers.rows import COLUMNS
from luanthanh.policy.exchange.dossiers.rows import DossierImportError
from luanthanh.policy.exchange.dossiers.rows import MAX_BYTES
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.exchange.dossiers.rows import summarize_result
from luanthanh.policy.exchange.dossiers.rows import WORKFLOW_ID
from luanthanh.policy.exchange.dossiers.validation import parse_datetime
from luanthanh.policy.exchange.dossiers.validation import validate


__all__ = [
    "ALL_COLUMNS",
    "BATCH_SIZE",
    "COLUMNS",
    "MAX_BYTES",
    "WORKFLOW_ID",
    "Batch",
    "DossierBatchError",
    "DossierImportError",
    "Row",
    "dossier_values",
    "import_dossiers",
    "import_in_batches",
    "parse",
    "parse_datetime",
    "rows_from_dicts",
    "summarize_result",
    "to_csv",
    "validate",
]
