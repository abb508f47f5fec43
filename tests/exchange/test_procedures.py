"""The procedure import and export engine: parsing, validation, writing."""

from Acquisition import aq_base
from datetime import time
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.exchange import procedures as exchange
from luanthanh.policy.exchange.procedures import ImportValidationError
from luanthanh.policy.testing import exchange as exchange_rows
from luanthanh.policy.testing.exchange import csv_bytes
from luanthanh.policy.testing.exchange import DEMO_PROCEDURES
from luanthanh.policy.testing.exchange import xlsx_bytes
from plone import api

import csv
import io
import json
import openpyxl
import pytest


BIRTH = {
    **exchange_rows.BIRTH,
    "required_documents": "Tờ khai đăng ký khai sinh | 1 | 0 | Theo mẫu\n"
    "Giấy chứng sinh",
    "legal_basis": "Luật Hộ tịch số 60/2014/QH13\nNghị định số 123/2015/NĐ-CP",
}
MARRIAGE = {
    "code": "1.000894",
    "title": "Đăng ký kết hôn",
    "field": "tu-phap-ho-tich",
    "processing_days": "3",
    "online_level": "partial",
    "fee": "0",
    "implementing_agency": "Ủy ban nhân dân xã Luận Thành",
    "audience": "citizen",
    "required_documents": "",
    "legal_basis": "",
}
BUSINESS = {
    "code": "2.000720",
    "title": "Đăng ký hộ kinh doanh",
    "field": "kinh-te",
    "processing_days": "3",
    "online_level": "full",
    "fee": "100.000",
    "implementing_agency": "Ủy ban nhân dân xã Luận Thành",
    "audience": "citizen; organization",
    "required_documents": '[{"name": "Giấy đề nghị", "originals": 1, '
    '"copies": 0, "note": "", "template_url": "https://example.invalid/m.docx"}]',
    "legal_basis": "Nghị định số 01/2021/NĐ-CP",
}


def count_procedures() -> int:
    return len(api.content.find(portal_type="Procedure", unrestricted=True))


def get(code: str):
    brains = find_by_code(code)
    return brains[0].getObject() if brains else None


def import_csv(folder, *rows: dict, **kwargs) -> dict:
    return exchange.import_procedures(
        folder, exchange.parse(csv_bytes(*rows), "csv"), **kwargs
    )


@pytest.fixture
def folder(portal):
    return portal["thu-tuc-hanh-chinh"]


# -- parsing


class TestParse:
    def test_csv_lines_follow_the_file(self):
        cells = dict(BIRTH)  # required_documents and legal_basis span lines
        data = csv_bytes(cells, MARRIAGE)
        rows = exchange.parse(data, "csv")
        assert [row.line for row in rows] == [2, 5]
        assert rows[0].values["code"] == "1.001193"
        assert rows[0].unit == "line"

    def test_csv_blank_rows_are_skipped(self):
        text = csv_bytes(BIRTH).decode("utf-8-sig") + ",,,,,,,,,\n\n"
        text += csv_bytes(MARRIAGE).decode("utf-8-sig").split("\r\n", 1)[1]
        rows = exchange.parse(text.encode(), "csv")
        assert [row.line for row in rows] == [2, 7]

    def test_csv_semicolons_and_no_bom(self):
        data = csv_bytes(MARRIAGE, delimiter=";").decode("utf-8-sig").encode()
        (row,) = exchange.parse(data, "csv")
        assert row.values["title"] == "Đăng ký kết hôn"

    def test_csv_unknown_columns_ignored(self):
        columns = (*exchange.COLUMNS, "ghi_chu_rieng")
        (row,) = exchange.parse(csv_bytes(MARRIAGE, columns=columns), "csv")
        assert "ghi_chu_rieng" not in row.values

    def test_xlsx_rows_are_sheet_rows(self):
        header = [*list(exchange.COLUMNS), "same_day_cutoff"]
        data = xlsx_bytes(
            header,
            [MARRIAGE[name] for name in exchange.COLUMNS] + [time(16, 30)],
            [None] * len(header),
            ["2.000720", "Đăng ký hộ kinh doanh", "kinh-te", 3, "full", 100000.0],
        )
        rows = exchange.parse(data, "xlsx")
        assert [row.line for row in rows] == [2, 4]
        assert rows[0].values["same_day_cutoff"] == "16:30"
        assert rows[1].values["fee"] == "100000"
        assert rows[1].values["audience"] == ""

    def test_json_items_are_numbered(self):
        data = DEMO_PROCEDURES.read_bytes()
        rows = exchange.parse(data, "json")
        assert len(rows) == 20
        assert [row.line for row in rows[:3]] == [1, 2, 3]
        assert {row.unit for row in rows} == {"item"}
        # Unknown keys are dropped; ``interlinked`` is kept.
        assert all("code_unverified" not in row.values for row in rows)
        assert "interlinked" in rows[0].values

    @pytest.mark.parametrize(
        "data,fmt,text",
        [
            (b"[{]", "json", "Tệp JSON không đọc được"),
            (b'{"code": "1.001193"}', "json", "danh sách các thủ tục"),
            (b"[]", "json", "Tệp không có thủ tục nào"),
            ("code,title\n1.1,Xà\n".encode("cp1258"), "csv", "UTF-8"),
            (b"code,title\n1.001193,X\n", "csv", "thiếu cột bắt buộc"),
            (b"", "csv", "Tệp không có thủ tục nào"),
            (b"not a zip", "xlsx", "Tệp XLSX không đọc được"),
            (b"<xml/>", "xml", "định dạng tệp"),
        ],
    )
    def test_file_errors(self, data, fmt, text):
        with pytest.raises(ImportValidationError) as info:
            exchange.parse(data, fmt)
        (error,) = info.value.errors
        assert text in error["message"]

    def test_missing_columns_named_on_line_1(self):
        with pytest.raises(ImportValidationError) as info:
            exchange.parse(b"code,title,field\n1.001193,X,kinh-te\n", "csv")
        (error,) = info.value.errors
        assert error["line"] == 1
        assert "processing_days, online_level, fee" in error["message"]

    @pytest.mark.parametrize(
        "filename,content_type,expected",
        [
            ("thu-tuc.CSV", None, "csv"),
            ("C:\\Users\\a\\thu-tuc.xlsx", None, "xlsx"),
            ("thu-tuc.json", "application/octet-stream", "json"),
            ("blob", "text/csv; charset=utf-8", "csv"),
            (None, exchange.CONTENT_TYPES["xlsx"], "xlsx"),
            ("thu-tuc.txt", "text/plain", None),
        ],
    )
    def test_detect_format(self, filename, content_type, expected):
        assert exchange.detect_format(filename, content_type) == expected


# -- validation


def _errors(portal, *rows: dict) -> list[dict]:
    _clean, errors = exchange.validate(exchange.parse(csv_bytes(*rows), "csv"), portal)
    return errors


class TestValidate:
    def test_clean_values(self, portal):
        rows = exchange.parse(csv_bytes(BIRTH, BUSINESS), "csv")
        clean, errors = exchange.validate(rows, portal)
        assert errors == []
        birth, business = clean
        assert birth["_line"] == 2
        assert birth["processing_days"] == 0
        assert birth["audience"] == {"citizen"}
        assert birth["legal_basis"] == [
            "Luật Hộ tịch số 60/2014/QH13",
            "Nghị định số 123/2015/NĐ-CP",
        ]
        assert birth["required_documents"] == [
            {
                "name": "Tờ khai đăng ký khai sinh",
                "originals": 1,
                "copies": 0,
                "note": "Theo mẫu",
                "template_url": "",
                "mandatory": True,
                "online": True,
            },
            {
                "name": "Giấy chứng sinh",
                "originals": 1,
                "copies": 0,
                "note": "",
                "template_url": "",
                "mandatory": True,
                "online": True,
            },
        ]
        assert business["fee"] == 100000
        assert business["audience"] == {"citizen", "organization"}
        assert business["required_documents"][0]["template_url"] == (
            "https://example.invalid/m.docx"
        )

    @pytest.mark.parametrize(
        "change,field,message",
        [
            (
                {"code": "1.00x"},
                "code",
                "Dòng 3: mã thủ tục “1.00x” không hợp lệ.",
            ),
            ({"code": ""}, "code", "Dòng 3: thiếu “Mã thủ tục”."),
            ({"title": " "}, "title", "Dòng 3: thiếu “Tên thủ tục”."),
            (
                {"field": "y-te"},
                "field",
                "Dòng 3: lĩnh vực “y-te” không có trong danh sách lĩnh vực",
            ),
            (
                {"processing_days": "-1"},
                "processing_days",
                "phải là số nguyên không âm, không phải “-1”",
            ),
            ({"processing_days": "ba"}, "processing_days", "không phải “ba”"),
            ({"fee": "1,5"}, "fee", "“Phí, lệ phí (đồng)” phải là số nguyên"),
            (
                {"online_level": "cao"},
                "online_level",
                "mức độ trực tuyến “cao” không hợp lệ (chỉ nhận full, partial, none)",
            ),
            (
                {"audience": "citizen, foreigner"},
                "audience",
                "“Đối tượng thực hiện” không nhận giá trị “foreigner”",
            ),
            (
                {"required_documents": "Tờ khai | một | 0"},
                "required_documents",
                "Dòng 3: giấy tờ thứ 1: “Bản chính” phải là số nguyên không âm",
            ),
            (
                {"required_documents": "Tờ khai | 1 | 0\n | 1 | 1"},
                "required_documents",
                "Dòng 3: giấy tờ thứ 2 thiếu tên.",
            ),
            (
                {"required_documents": "A | 1 | 0 | ghi chú | mẫu | có | có | thừa"},
                "required_documents",
                "giấy tờ thứ 1 có quá nhiều phần",
            ),
            (
                {"required_documents": '[{"name": "A", "copies": -2}]'},
                "required_documents",
                "“Bản sao” phải là số nguyên không âm",
            ),
            (
                {"required_documents": '["A", "B"]'},
                "required_documents",
                "thành phần hồ sơ phải là danh sách JSON",
            ),
        ],
    )
    def test_row_errors(self, portal, change, field, message):
        errors = _errors(portal, MARRIAGE, {**BIRTH, **change})
        assert errors, change
        assert errors[0]["line"] == 3
        assert errors[0]["field"] == field
        assert message in errors[0]["message"]

    def test_extra_columns(self, portal):
        columns = (*exchange.COLUMNS, "channels", "same_day_cutoff", "title")
        rows = exchange.parse(
            csv_bytes(
                {**BIRTH, "channels": "fax", "same_day_cutoff": "25:00"},
                columns=columns,
            ),
            "csv",
        )
        clean, errors = exchange.validate(rows, portal)
        assert clean == []
        messages = [error["message"] for error in errors]
        assert any(
            "“Cách thức nộp hồ sơ” không nhận giá trị “fax”" in m for m in messages
        )
        assert any("giờ tiếp nhận “25:00” không hợp lệ" in m for m in messages)

    def test_one_line_fields(self, portal):
        errors = _errors(portal, {**BIRTH, "title": "Đăng ký\nkhai sinh"})
        assert "“Tên thủ tục” chỉ được viết trên một dòng" in errors[0]["message"]

    def test_duplicate_codes(self, portal):
        errors = _errors(portal, BIRTH, MARRIAGE, {**BIRTH, "title": "Khác"})
        (error,) = errors
        assert error["line"] == 6
        assert error["message"] == (
            "Dòng 6: mã thủ tục “1.001193” bị trùng, đã có ở dòng 2."
        )

    def test_errors_are_sorted_and_all_reported(self, portal):
        errors = _errors(
            portal, {**BIRTH, "fee": "x", "field": "y"}, {**MARRIAGE, "code": "x"}
        )
        assert [error["line"] for error in errors] == [2, 2, 5]

    def test_json_items_are_called_muc(self, portal):
        items = json.dumps([{"code": "1.001193"}, "không phải đối tượng"]).encode()
        _clean, errors = exchange.validate(exchange.parse(items, "json"), portal)
        messages = [error["message"] for error in errors]
        assert "Mục 1: thiếu “Tên thủ tục”." in messages
        assert "Mục 2: mỗi mục phải là một đối tượng JSON." in messages

    def test_json_wrong_types(self, portal):
        item = {
            **{k: v for k, v in BIRTH.items() if k != "required_documents"},
            "processing_days": True,
            "legal_basis": [1, 2],
            "title": ["Đăng ký khai sinh"],
        }
        data = json.dumps([item]).encode()
        _clean, errors = exchange.validate(exchange.parse(data, "json"), portal)
        fields = {error["field"] for error in errors}
        assert fields == {"processing_days", "legal_basis", "title"}

    def test_interlinked_must_exist(self, portal):
        columns = (*exchange.COLUMNS, "interlinked")
        data = csv_bytes(
            {**BIRTH, "interlinked": "1.000894, 1.999999"},
            {**MARRIAGE, "interlinked": "1.000894"},
            columns=columns,
        )
        _clean, errors = exchange.validate(exchange.parse(data, "csv"), portal)
        messages = [error["message"] for error in errors]
        assert messages == [
            "Dòng 2: thủ tục liên thông “1.999999” không có trong tệp và chưa có "
            "trên trang.",
            "Dòng 5: thủ tục không thể liên thông với chính nó.",
        ]


# -- importing


@pytest.mark.portal(roles=["Manager"])
class TestImport:
    def test_create(self, folder):
        result = import_csv(folder, BIRTH, BUSINESS)
        assert result == {
            "created": ["1.001193", "2.000720"],
            "updated": [],
            "unchanged": [],
        }
        birth = get("1.001193")
        assert aq_base(birth.aq_parent) is aq_base(folder)
        assert birth.getId() == "dang-ky-khai-sinh"
        assert birth.title == "Đăng ký khai sinh"
        assert birth.field == "tu-phap-ho-tich"
        assert birth.audience == {"citizen"}
        assert birth.legal_basis[1] == "Nghị định số 123/2015/NĐ-CP"
        assert birth.required_documents[0]["note"] == "Theo mẫu"
        # Columns absent from the file take the schema defaults.
        assert birth.channels == {"direct"}
        assert birth.same_day_cutoff == time(15, 0)
        assert api.content.get_state(birth) == "private"
        business = get("2.000720")
        assert business.fee == 100000
        assert business.audience == {"citizen", "organization"}

    def test_publish(self, folder):
        import_csv(folder, BIRTH, publish=True)
        assert api.content.get_state(get("1.001193")) == "published"

    def test_update(self, folder):
        import_csv(folder, BIRTH, MARRIAGE)
        birth, marriage = get("1.001193"), get("1.000894")
        modified = birth.modified(), marriage.modified()
        birth.setModificationDate(modified[0] - 1)
        result = import_csv(
            folder, {**BIRTH, "title": "Đăng ký khai sinh (đúng hạn)"}, MARRIAGE
        )
        assert result == {
            "created": [],
            "updated": ["1.001193"],
            "unchanged": ["1.000894"],
        }
        assert birth.title == "Đăng ký khai sinh (đúng hạn)"
        assert birth.modified() > modified[0] - 1
        assert marriage.modified() == modified[1]
        (brain,) = api.content.find(procedure_code="1.001193")
        assert brain.Title == "Đăng ký khai sinh (đúng hạn)"

    def test_second_run_changes_nothing(self, folder):
        import_csv(folder, BIRTH, MARRIAGE, BUSINESS)
        objects = [get(code) for code in ("1.001193", "1.000894", "2.000720")]
        for obj in objects:
            obj.setModificationDate(obj.modified() - 2)
            obj.reindexObject(idxs=["modified"])
        before = [obj.modified() for obj in objects]
        result = import_csv(folder, BIRTH, MARRIAGE, BUSINESS)
        assert result["unchanged"] == ["1.001193", "1.000894", "2.000720"]
        assert result["created"] == result["updated"] == []
        assert [obj.modified() for obj in objects] == before
        brains = api.content.find(portal_type="Procedure", sort_on="procedure_code")
        assert sorted(b.modified for b in brains) == sorted(before)

    def test_absent_column_keeps_the_value(self, folder):
        import_csv(folder, BIRTH)
        columns = [name for name in exchange.COLUMNS if name != "legal_basis"]
        data = csv_bytes({**BIRTH, "fee": "5000"}, columns=columns)
        result = exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert result["updated"] == ["1.001193"]
        birth = get("1.001193")
        assert birth.fee == 5000
        assert len(birth.legal_basis) == 2

    def test_blank_cell_empties_the_value(self, folder):
        import_csv(folder, BIRTH)
        import_csv(folder, {**BIRTH, "legal_basis": "", "required_documents": ""})
        birth = get("1.001193")
        assert birth.legal_basis == []
        assert birth.required_documents == []

    def test_updates_a_procedure_outside_the_folder(self, portal, folder):
        import_csv(folder, BIRTH)
        other = api.content.create(
            container=portal, type="ProcedureFolder", id="khac", title="Khác"
        )
        api.content.move(source=get("1.001193"), target=other)
        result = import_csv(folder, {**BIRTH, "fee": "1000"})
        assert result["updated"] == ["1.001193"]
        assert "dang-ky-khai-sinh" not in folder
        assert other["dang-ky-khai-sinh"].fee == 1000

    @pytest.mark.parametrize(
        "bad",
        [
            {"code": "1.00x"},
            {"title": ""},
            {"field": "y-te"},
            {"processing_days": "-1"},
            {"fee": "miễn phí"},
            {"online_level": "cao"},
            {"audience": "foreigner"},
            {"required_documents": "Tờ khai | 1 | hai"},
            {"code": "1.000894"},  # the same code as the row before
        ],
    )
    def test_invalid_row_writes_nothing(self, folder, bad):
        import_csv(folder, MARRIAGE)
        marriage = get("1.000894")
        modified = marriage.modified()
        before = count_procedures()
        with pytest.raises(ImportValidationError) as info:
            import_csv(
                folder,
                {**MARRIAGE, "title": "Đăng ký kết hôn mới"},
                BUSINESS,
                {**BIRTH, **bad},
            )
        assert info.value.errors[0]["line"] == 4
        assert info.value.errors[0]["message"].startswith("Dòng 4: ")
        assert str(info.value).startswith("Không nhập được: có 1 lỗi.")
        assert count_procedures() == before
        assert get("2.000720") is None
        assert marriage.title == "Đăng ký kết hôn"
        assert marriage.modified() == modified

    def test_unexpected_error_rolls_back(self, folder, monkeypatch):
        import_csv(folder, MARRIAGE)
        calls = []

        def transition(obj, to_state):
            calls.append(obj)
            if len(calls) == 2:
                raise RuntimeError("boom")

        monkeypatch.setattr(api.content, "transition", transition)
        with pytest.raises(RuntimeError):
            import_csv(
                folder,
                {**MARRIAGE, "title": "Đổi tên"},
                BIRTH,
                BUSINESS,
                publish=True,
            )
        assert get("1.001193") is None
        assert "dang-ky-khai-sinh" not in folder
        assert get("1.000894").title == "Đăng ký kết hôn"
        assert count_procedures() == 1

    def test_interlinked(self, folder):
        import_csv(folder, MARRIAGE)
        columns = (*exchange.COLUMNS, "interlinked")
        data = csv_bytes(
            {**BIRTH, "interlinked": "1.000894; 2.000720"},
            {**BUSINESS, "interlinked": ""},
            columns=columns,
        )
        result = exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert result["created"] == ["1.001193", "2.000720"]
        birth = get("1.001193")
        assert [r.to_object.code for r in birth.interlinked] == [
            "1.000894",
            "2.000720",
        ]
        # Only a change of the links counts as an update.
        result = exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert result["unchanged"] == ["1.001193", "2.000720"]
        data = csv_bytes(
            {**BIRTH, "interlinked": "1.000894"}, BUSINESS, columns=columns
        )
        result = exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert result["updated"] == ["1.001193"]
        assert [r.to_object.code for r in birth.interlinked] == ["1.000894"]

    def test_demo_data(self, folder):
        rows = exchange.parse(DEMO_PROCEDURES.read_bytes(), "json")
        result = exchange.import_procedures(folder, rows)
        assert len(result["created"]) == 20
        assert count_procedures() == 20
        death = get("1.000656")
        assert [r.to_object.code for r in death.interlinked] == ["1.001731"]
        assert [r.to_object.code for r in get("1.001731").interlinked] == ["1.000656"]
        assert death.steps.raw.startswith("<ol>")
        assert death.same_day_cutoff == time(15, 0)
        rows = exchange.parse(DEMO_PROCEDURES.read_bytes(), "json")
        result = exchange.import_procedures(folder, rows)
        assert len(result["unchanged"]) == 20
        assert result["created"] == result["updated"] == []

    def test_summaries(self):
        result = {"created": ["a"], "updated": [], "unchanged": ["b", "c"]}
        assert exchange.summarize_result(result) == (
            "Đã nhập xong: 1 thủ tục mới, 0 thủ tục được cập nhật, 2 thủ tục "
            "không thay đổi."
        )


# -- exporting


@pytest.mark.portal(roles=["Manager"])
class TestExport:
    @pytest.fixture
    def demo(self, folder):
        rows = exchange.parse(DEMO_PROCEDURES.read_bytes(), "json")
        exchange.import_procedures(folder, rows)
        return exchange.procedure_brains()

    @pytest.mark.parametrize("fmt", exchange.FORMATS)
    def test_round_trip(self, folder, demo, fmt):
        data = exchange.export_procedures(demo, fmt)
        result = exchange.import_procedures(folder, exchange.parse(data, fmt))
        assert len(result["unchanged"]) == 20
        assert result["created"] == result["updated"] == []

    @pytest.mark.parametrize("fmt", exchange.FORMATS)
    def test_round_trip_into_an_empty_site(self, portal, folder, demo, fmt):
        data = exchange.export_procedures(demo, fmt)
        before = {
            b.procedure_code: exchange.procedure_values(b.getObject()) for b in demo
        }
        api.content.delete(objects=[b.getObject() for b in demo])
        result = exchange.import_procedures(folder, exchange.parse(data, fmt))
        assert len(result["created"]) == 20
        after = {
            b.procedure_code: exchange.procedure_values(b.getObject())
            for b in exchange.procedure_brains()
        }
        assert after == before

    @pytest.mark.parametrize("fmt", exchange.FORMATS)
    def test_round_trip_keeps_document_flags(self, folder, demo, fmt):
        procedure = get("1.001193")
        rows = [dict(row) for row in procedure.required_documents]
        rows[0] |= {"mandatory": False, "online": False}  # not the rule's
        procedure.required_documents = rows
        procedure.reindexObject()
        data = exchange.export_procedures(exchange.procedure_brains(), fmt)
        procedure.required_documents = [
            {k: v for k, v in row.items() if k not in ("mandatory", "online")}
            for row in rows
        ]
        result = exchange.import_procedures(folder, exchange.parse(data, fmt))
        assert len(result["updated"]) == 1
        documents = get("1.001193").required_documents
        assert (documents[0]["mandatory"], documents[0]["online"]) == (False, False)
        # The other rows get the rule's flags (a counter-only paper: not online).
        assert documents[-1]["online"] is False

    def test_document_flags_in_a_cell(self, folder):
        row = dict(BIRTH)
        row["required_documents"] = (
            "Tờ khai | 1 | 0 | | | không | có\nCăn cước | 0 | 0\nGiấy khác | 1 | 0 "
            "| Nếu có."
        )
        import_csv(folder, row)
        documents = get(BIRTH["code"]).required_documents
        assert [(d["mandatory"], d["online"]) for d in documents] == [
            (False, True),
            (True, False),
            (False, True),
        ]
        bad = dict(row, required_documents="Tờ khai | 1 | 0 | | | hay")
        with pytest.raises(ImportValidationError) as info:
            import_csv(folder, bad)
        assert "“có” hoặc “không”" in info.value.errors[0]["message"]

    def test_csv(self, demo):
        data = exchange.export_procedures(demo, "csv")
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert tuple(rows[0]) == exchange.ALL_COLUMNS
        assert tuple(rows[0][:10]) == exchange.COLUMNS
        assert len(rows) == 21
        assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
        birth = dict(
            zip(rows[0], rows[[r[0] for r in rows].index("1.001193")], strict=False)
        )
        assert birth["required_documents"].split("\n")[0] == (
            "Tờ khai đăng ký khai sinh (theo mẫu) | 1 | 0 | Có thể kê khai trực "
            "tuyến trên Cổng Dịch vụ công quốc gia."
        )
        assert birth["legal_basis"].split("\n")[0] == "Luật Hộ tịch số 60/2014/QH13"
        assert birth["channels"] == "direct, online, postal"
        assert birth["same_day_cutoff"] == "15:00"

    def test_xlsx(self, demo):
        data = exchange.export_procedures(demo, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        header = [cell.value for cell in sheet[1]]
        assert tuple(header) == exchange.ALL_COLUMNS
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.max_row == 21
        assert isinstance(sheet.cell(row=2, column=4).value, int)

    def test_json(self, demo):
        items = json.loads(exchange.export_procedures(demo, "json"))
        assert len(items) == 20
        item = next(i for i in items if i["code"] == "1.000656")
        assert item["interlinked"] == ["1.001731"]
        assert item["channels"] == ["direct", "online", "postal"]
        assert set(item) == set(exchange.ALL_COLUMNS)

    def test_formulas_are_neutralised(self, folder):
        row = {
            **BIRTH,
            "title": '=HYPERLINK("http://evil.invalid","Bấm")',
            "implementing_agency": "+84 UBND",
            "legal_basis": "-Luật Hộ tịch\n@Nghị định",
            "required_documents": "''=Tờ khai | 1 | 0",
        }
        import_csv(folder, row)
        birth = get("1.001193")
        assert birth.title.startswith("=HYPERLINK")
        assert birth.required_documents[0]["name"] == "'=Tờ khai"
        brains = exchange.procedure_brains()

        data = exchange.export_procedures(brains, "csv")
        (header, cells) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        values = dict(zip(header, cells, strict=False))
        assert values["title"].startswith("'=HYPERLINK")
        assert values["implementing_agency"] == "'+84 UBND"
        assert values["legal_basis"] == "'-Luật Hộ tịch\n@Nghị định"
        assert values["required_documents"] == "''=Tờ khai | 1 | 0"

        xlsx = exchange.export_procedures(brains, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
        title = sheet.cell(row=2, column=2)
        assert title.data_type == "s"
        assert title.value.startswith("'=HYPERLINK")

        for fmt, exported in (("csv", data), ("xlsx", xlsx)):
            result = exchange.import_procedures(folder, exchange.parse(exported, fmt))
            assert result["unchanged"] == ["1.001193"], fmt
        assert birth.title.startswith("=HYPERLINK")
        assert birth.required_documents[0]["name"] == "'=Tờ khai"

    def test_awkward_documents_export_as_json(self, folder):
        row = {**BIRTH, "required_documents": '[{"name": "[Mẫu 01] Tờ khai | A"}]'}
        import_csv(folder, row)
        data = exchange.export_procedures(exchange.procedure_brains(), "csv")
        (header, cells) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        documents = json.loads(
            dict(zip(header, cells, strict=False))["required_documents"]
        )
        assert documents[0]["name"] == "[Mẫu 01] Tờ khai | A"
        result = exchange.import_procedures(folder, exchange.parse(data, "csv"))
        assert result["unchanged"] == ["1.001193"]

    def test_bracketed_name_in_lines(self, folder):
        import_csv(folder, {**BIRTH, "required_documents": "[Mẫu 01] Tờ khai | 1 | 0"})
        assert get("1.001193").required_documents[0]["name"] == "[Mẫu 01] Tờ khai"

    def test_unknown_format(self, demo):
        with pytest.raises(ValueError):
            exchange.export_procedures(demo, "pdf")
        assert exchange.export_filename("xlsx") == "thu-tuc-hanh-chinh.xlsx"


def test_configlet(controlpanel_actions):
    assert "procedure-import" in controlpanel_actions
