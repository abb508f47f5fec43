"""Reading a CSV file into numbered records (shared by the imports).

Each record comes with the physical line it starts on (the header is line
1), so that error messages name the line a spreadsheet program shows.
"""

import csv
import io


class TableError(Exception):
    """The file cannot be read; ``line`` is where, ``detail`` why (or None)."""

    def __init__(self, line: int, detail: str | None = None):
        self.line = line
        self.detail = detail
        super().__init__(f"line {line}: {detail or 'not UTF-8'}")


def decode_utf8(data: bytes) -> str:
    """The text of a UTF-8 file (with or without BOM).

    Raises :class:`TableError` with the line of the first wrong byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(data[: error.start].count(b"\n") + 1) from None


def csv_table(text: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of each record; the line is where the record starts.

    The delimiter is the comma, or the semicolon or tab when the first line
    uses it more.  Raises :class:`TableError` on a malformed record.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    line = 1
    try:
        for cells in reader:
            table.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise TableError(line, str(error)) from None
    return table


def non_blank(table: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The records that have at least one non-blank cell."""
    return [(line, cells) for line, cells in table if any(c.strip() for c in cells)]
