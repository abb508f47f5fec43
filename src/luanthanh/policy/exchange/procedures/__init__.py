"""Import and export of administrative procedures (CSV, XLSX, JSON).

The engine behind ``POST @procedure-import``, ``GET @procedure-export`` and the
control-panel page ``@@procedure-import``, which go through
:mod:`luanthanh.policy.api.exchange`:

1. :mod:`.reading` turns a file into :class:`~.rows.Row` objects, each with
   the line (CSV, XLSX) or item number (JSON) it came from;
2. :mod:`.validation` checks every row and returns clean values or numbered
   Vietnamese errors;
3. :mod:`.importing` creates or updates procedures by ``code``, all or
   nothing, and leaves procedures that already match untouched;
4. :mod:`.exporting` writes the same columns, so that an export imported
   again changes nothing.
"""

from luanthanh.policy.exchange.procedures.exporting import export_file
from luanthanh.policy.exchange.procedures.exporting import export_filename
from luanthanh.policy.exchange.procedures.exporting import export_procedures
from luanthanh.policy.exchange.procedures.exporting import procedure_brains
from luanthanh.policy.exchange.procedures.importing import import_container
from luanthanh.policy.exchange.procedures.importing import import_procedures
from luanthanh.policy.exchange.procedures.importing import no_container_error
from luanthanh.policy.exchange.procedures.reading import decode_data
from luanthanh.policy.exchange.procedures.reading import detect_format
from luanthanh.policy.exchange.procedures.reading import parse
from luanthanh.policy.exchange.procedures.reading import rows_from_items
from luanthanh.policy.exchange.procedures.rows import ALL_COLUMNS
from luanthanh.policy.exchange.procedures.rows import COLUMNS
from luanthanh.policy.exchange.procedures.rows import CONTENT_TYPES
from luanthanh.policy.exchange.procedures.rows import FORMATS
from luanthanh.policy.exchange.procedures.rows import ImportValidationError
from luanthanh.policy.exchange.procedures.rows import Row
from luanthanh.policy.exchange.procedures.rows import summarize_result
from luanthanh.policy.exchange.procedures.validation import validate
from luanthanh.policy.exchange.procedures.values import procedure_values


__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "CONTENT_TYPES",
    "FORMATS",
    "ImportValidationError",
    "Row",
    "decode_data",
    "detect_format",
    "export_file",
    "export_filename",
    "export_procedures",
    "import_container",
    "import_procedures",
    "no_container_error",
    "parse",
    "procedure_brains",
    "procedure_values",
    "rows_from_items",
    "summarize_result",
    "validate",
]
