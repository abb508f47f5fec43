"""Checking the rows of a procedure file: clean values, or numbered errors.

Every error is ``{"line", "field", "message"}`` with a Vietnamese message
that starts with "Dòng N" (or "Mục N" for a JSON item).
"""

from luanthanh.policy.content.documents import default_flags
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.content.procedure import InvalidProcedureCode
from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.content.procedure import validate_code
from luanthanh.policy.exchange.procedures.rows import ALL_COLUMNS
from luanthanh.policy.exchange.procedures.rows import DOCUMENT_FLAGS
from luanthanh.policy.exchange.procedures.rows import DOCUMENT_KEYS
from luanthanh.policy.exchange.procedures.rows import label
from luanthanh.policy.exchange.procedures.rows import LINKS_COLUMN
from luanthanh.policy.exchange.procedures.rows import REQUIRED_COLUMNS
from luanthanh.policy.exchange.procedures.rows import Row
from luanthanh.policy.exchange.procedures.rows import text
from luanthanh.policy.exchange.procedures.rows import TEXT_LINE_FIELDS
from luanthanh.policy.exchange.procedures.rows import where
from luanthanh.policy.exchange.procedures.values import is_blank
from luanthanh.policy.exchange.procedures.values import normalise_text
from luanthanh.policy.exchange.procedures.values import split_lines
from luanthanh.policy.exchange.procedures.values import split_tokens
from luanthanh.policy.exchange.procedures.values import to_flag
from luanthanh.policy.exchange.procedures.values import to_int
from luanthanh.policy.exchange.procedures.values import to_time
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import audiences_vocabulary
from luanthanh.policy.vocabularies import channels_vocabulary
from luanthanh.policy.vocabularies import fields_vocabulary
from luanthanh.policy.vocabularies import national_fields_vocabulary
from luanthanh.policy.vocabularies import online_levels_vocabulary
from typing import Any
from zope.i18nmessageid import Message

import json


class _RowChecker:
    """Checks one row and collects its clean values and its errors."""

    def __init__(self, row: Row, vocabularies: dict[str, list[str]]):
        self.row = row
        self.vocabularies = vocabularies
        self.clean: dict[str, Any] = {"_line": row.line}
        self.errors: list[dict] = []

    def error(self, name: str | None, msg: Message) -> None:
        mapping = dict(msg.mapping or {})
        mapping["where"] = where(self.row)
        self.errors.append(
            {
                "line": self.row.line,
                "field": name,
                "message": text(Message(msg, mapping=mapping)),
            }
        )

    def wrong_type(self, name: str) -> None:
        self.error(
            name,
            _(
                "import_error_type",
                default="${where}: “${label}” không đúng kiểu dữ liệu.",
                mapping={"label": label(name)},
            ),
        )

    def check(self) -> None:
        values = self.row.values
        if "__invalid__" in values:
            self.error(
                None,
                _(
                    "import_error_json_item",
                    default="${where}: mỗi mục phải là một đối tượng JSON.",
                ),
            )
            return
        for name in REQUIRED_COLUMNS:
            if is_blank(values.get(name)):
                self.error(
                    name,
                    _(
                        "import_error_required",
                        default="${where}: thiếu “${label}”.",
                        mapping={"label": label(name)},
                    ),
                )
        for name in ALL_COLUMNS:
            if name not in values:
                continue
            value = values[name]
            if name in REQUIRED_COLUMNS and is_blank(value):
                continue
            getattr(self, f"check_{name}", self.check_text)(name, value)

    # -- one method per kind of column

    def check_code(self, name: str, value: Any) -> None:
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        code = value.strip()
        try:
            validate_code(code)
        except InvalidProcedureCode:
            self.error(
                name,
                _(
                    "import_error_code",
                    default="${where}: mã thủ tục “${value}” không hợp lệ.",
                    mapping={"value": code},
                ),
            )
            return
        self.clean[name] = code

    def check_text(self, name: str, value: Any) -> None:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        cleaned = normalise_text(value)
        if name in TEXT_LINE_FIELDS and "\n" in cleaned:
            self.error(
                name,
                _(
                    "import_error_one_line",
                    default="${where}: “${label}” chỉ được viết trên một dòng.",
                    mapping={"label": label(name)},
                ),
            )
            return
        self.clean[name] = cleaned

    check_title = check_text
    check_steps = check_text
    check_conditions = check_text

    def check_field(self, name: str, value: Any) -> None:
        """A token of the center's groups (``field``) or of the national list."""
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        token, allowed = value.strip(), self.vocabularies[name]
        if token in allowed or (name == "national_field" and not token):
            self.clean[name] = token
            return
        mapping = {"value": token, "allowed": ", ".join(allowed)}
        msg = _(
            "import_error_field",
            default="${where}: lĩnh vực “${value}” không có trong danh "
            "sách lĩnh vực (${allowed}).",
            mapping=mapping,
        )
        if name == "national_field":
            msg = _(
                "import_error_national_field",
                default="${where}: lĩnh vực “${value}” không có trong danh mục "
                "lĩnh vực quốc gia (${allowed}).",
                mapping=mapping,
            )
        self.error(name, msg)

    check_national_field = check_field

    def check_online_level(self, name: str, value: Any) -> None:
        token = value.strip() if isinstance(value, str) else value
        if token not in self.vocabularies["online_level"]:
            self.error(
                name,
                _(
                    "import_error_online_level",
                    default="${where}: mức độ trực tuyến “${value}” không hợp lệ "
                    "(chỉ nhận ${allowed}).",
                    mapping={
                        "value": str(token),
                        "allowed": ", ".join(self.vocabularies["online_level"]),
                    },
                ),
            )
            return
        self.clean[name] = token

    def check_int(self, name: str, value: Any) -> None:
        number = to_int(value)
        if number is None:
            self.error(
                name,
                _(
                    "import_error_int",
                    default="${where}: “${label}” phải là số nguyên không âm, "
                    "không phải “${value}”.",
                    mapping={"label": label(name), "value": str(value).strip()},
                ),
            )
            return
        self.clean[name] = number

    check_processing_days = check_int
    check_fee = check_int

    def check_same_day_cutoff(self, name: str, value: Any) -> None:
        if is_blank(value):
            self.clean[name] = None
            return
        try:
            self.clean[name] = to_time(value)
        except ValueError:
            self.error(
                name,
                _(
                    "import_error_time",
                    default="${where}: giờ tiếp nhận “${value}” không hợp lệ; hãy "
                    "viết dạng giờ:phút, ví dụ 15:00.",
                    mapping={"value": str(value).strip()},
                ),
            )

    def check_tokens(self, name: str, value: Any) -> None:
        tokens = split_tokens("" if value is None else value)
        if tokens is None:
            self.wrong_type(name)
            return
        allowed = self.vocabularies[name]
        wrong = [token for token in tokens if token not in allowed]
        for token in wrong:
            self.error(
                name,
                _(
                    "import_error_token",
                    default="${where}: “${label}” không nhận giá trị “${value}” "
                    "(chỉ nhận ${allowed}).",
                    mapping={
                        "label": label(name),
                        "value": token,
                        "allowed": ", ".join(allowed),
                    },
                ),
            )
        if not wrong:
            self.clean[name] = set(tokens)

    check_audience = check_tokens
    check_channels = check_tokens

    def check_legal_basis(self, name: str, value: Any) -> None:
        lines = split_lines("" if value is None else value)
        if lines is None:
            self.wrong_type(name)
            return
        self.clean[name] = lines

    def check_interlinked(self, name: str, value: Any) -> None:
        codes = split_tokens("" if value is None else value)
        if codes is None:
            self.wrong_type(name)
            return
        valid = True
        for code in codes:
            try:
                validate_code(code)
            except InvalidProcedureCode:
                valid = False
                self.error(
                    name,
                    _(
                        "import_error_link_code",
                        default="${where}: mã thủ tục liên thông “${value}” không "
                        "hợp lệ.",
                        mapping={"value": code},
                    ),
                )
        if valid:
            self.clean[name] = codes

    def check_required_documents(self, name: str, value: Any) -> None:
        items = self._document_items(value)
        if items is None:
            self.error(
                name,
                _(
                    "import_error_documents",
                    default="${where}: thành phần hồ sơ phải là danh sách JSON các "
                    "giấy tờ, hoặc mỗi dòng một giấy tờ dạng tên | bản chính | "
                    "bản sao | ghi chú | mẫu.",
                ),
            )
            return
        documents = []
        for number, item in enumerate(items, start=1):
            document = self._document(number, item)
            if document is not None:
                documents.append(document)
        if len(documents) == len(items):
            self.clean[name] = documents

    def _document_items(self, value: Any) -> list | None:
        """The documents as a list of dicts (JSON) or of part lists (text)."""
        if value is None:
            return []
        if isinstance(value, str):
            cleaned = normalise_text(value)
            if cleaned.startswith("["):
                try:
                    return self._document_items(json.loads(cleaned))
                except ValueError:
                    pass  # a name in brackets: one document per line
            return [
                [part.strip() for part in line.split("|")]
                for line in cleaned.split("\n")
                if line.strip()
            ]
        if isinstance(value, list) and all(isinstance(i, dict) for i in value):
            return value
        return None

    def _document(self, number: int, item: dict | list) -> dict | None:
        if isinstance(item, list):
            if len(item) > len(DOCUMENT_KEYS):
                self.error(
                    "required_documents",
                    _(
                        "import_error_document_parts",
                        default="${where}: giấy tờ thứ ${number} có quá nhiều phần; "
                        "hãy viết dạng tên | bản chính | bản sao | ghi chú | mẫu "
                        "| bắt buộc (có/không) | nộp trực tuyến (có/không).",
                        mapping={"number": number},
                    ),
                )
                return None
            item = {
                key: part
                for key, part in zip(DOCUMENT_KEYS, item, strict=False)
                if part != "" or key in ("name", "note", "template_url")
            }
        ok = True
        document: dict[str, Any] = {}
        for key in DOCUMENT_KEYS:
            part = text(IProcedure["required_documents"].value_type.schema[key].title)
            value = item.get(key)
            if key in DOCUMENT_FLAGS:
                if is_blank(value):
                    continue  # the rule decides, below
                flag = to_flag(value)
                if flag is None:
                    ok = False
                    self.error(
                        "required_documents",
                        _(
                            "import_error_document_flag",
                            default="${where}: giấy tờ thứ ${number}: “${label}” "
                            "phải là “có” hoặc “không”, không phải “${value}”.",
                            mapping={
                                "number": number,
                                "label": part,
                                "value": str(value).strip(),
                            },
                        ),
                    )
                document[key] = flag
                continue
            if key in ("originals", "copies"):
                if is_blank(value):
                    document[key] = 1 if key == "originals" else 0
                    continue
                count = to_int(value)
                if count is None:
                    ok = False
                    self.error(
                        "required_documents",
                        _(
                            "import_error_document_int",
                            default="${where}: giấy tờ thứ ${number}: “${label}” "
                            "phải là số nguyên không âm, không phải “${value}”.",
                            mapping={
                                "number": number,
                                "label": part,
                                "value": str(value).strip(),
                            },
                        ),
                    )
                document[key] = count
                continue
            if value is None:
                value = ""
            if not isinstance(value, str) or "\n" in normalise_text(value):
                ok = False
                self.error(
                    "required_documents",
                    _(
                        "import_error_document_text",
                        default="${where}: giấy tờ thứ ${number}: “${label}” phải "
                        "là chữ viết trên một dòng.",
                        mapping={"number": number, "label": part},
                    ),
                )
                continue
            document[key] = normalise_text(value)
        if ok:
            defaults = default_flags(document)
            for key in DOCUMENT_FLAGS:
                document.setdefault(key, defaults[key])
        if ok and not document["name"]:
            ok = False
            self.error(
                "required_documents",
                _(
                    "import_error_document_name",
                    default="${where}: giấy tờ thứ ${number} thiếu tên.",
                    mapping={"number": number},
                ),
            )
        return document if ok else None


def _vocabularies(portal) -> dict[str, list[str]]:
    return {
        "field": [t.value for t in fields_vocabulary(portal)],
        "national_field": [t.value for t in national_fields_vocabulary(portal)],
        "online_level": [t.value for t in online_levels_vocabulary(portal)],
        "audience": [t.value for t in audiences_vocabulary(portal)],
        "channels": [t.value for t in channels_vocabulary(portal)],
    }


def validate(rows: list[Row], portal) -> tuple[list[dict], list[dict]]:
    """Check every row: the clean values of the valid rows, and all errors.

    Each clean dict holds the values of the columns the row has, converted to
    the field types (sets for audience and channels, ``datetime.time`` for
    same_day_cutoff, lists of dicts for required_documents), plus ``_line``.
    Each error is ``{"line", "field", "message"}`` with a Vietnamese message
    that starts with "Dòng N" (or "Mục N" for JSON).
    """
    vocabularies = _vocabularies(portal)
    clean: list[dict] = []
    errors: list[dict] = []
    first_line: dict[str, Row] = {}
    for row in rows:
        checker = _RowChecker(row, vocabularies)
        checker.check()
        code = checker.clean.get("code")
        if code is not None:
            if code in first_line:
                checker.error(
                    "code",
                    _(
                        "import_error_duplicate",
                        default="${where}: mã thủ tục “${value}” bị trùng, đã có ở "
                        "${first}.",
                        mapping={
                            "value": code,
                            "first": where(first_line[code], lower=True),
                        },
                    ),
                )
            else:
                first_line[code] = row
        errors.extend(checker.errors)
        if not checker.errors:
            clean.append(checker.clean)
    # Links may point to procedures of the file or of the site.
    by_line = {row.line: row for row in rows}
    for values in clean:
        row = by_line[values["_line"]]
        for code in values.get(LINKS_COLUMN, ()):
            if code == values["code"]:
                message = _(
                    "import_error_link_self",
                    default="${where}: thủ tục không thể liên thông với chính nó.",
                )
            elif code in first_line or find_by_code(code):
                continue
            else:
                message = _(
                    "import_error_link_unknown",
                    default="${where}: thủ tục liên thông “${value}” không có trong "
                    "tệp và chưa có trên trang.",
                    mapping={"value": code},
                )
            checker = _RowChecker(row, vocabularies)
            checker.error(LINKS_COLUMN, message)
            errors.extend(checker.errors)
    if errors:
        bad = {error["line"] for error in errors}
        clean = [values for values in clean if values["_line"] not in bad]
    errors.sort(key=lambda e: e["line"] or 0)
    return clean, errors
