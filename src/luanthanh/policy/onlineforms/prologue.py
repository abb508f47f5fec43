"""The introduction (``formPrologue``) of a generated form, from its procedure."""

from html import escape
from luanthanh.policy import settings
from luanthanh.policy.config import MB
from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.formatting import format_days
from luanthanh.policy.formatting import format_fee
from zope.i18n import translate


def file_help() -> str:
    """The help of an upload whose document has no note: the files accepted
    and the control panel's per-file limit."""
    per_file, _per_dossier = settings.upload_limits()
    return (
        "Tệp PDF, ảnh JPEG/PNG hoặc văn bản Word (DOCX), tối đa "
        f"{per_file // MB} MB mỗi tệp."
    )


def general() -> str:
    """What every form says: required marks, the files accepted and the
    upload limits of the control panel (as they are when the form is
    generated; a regeneration brings them up to date)."""
    per_file, per_dossier = settings.upload_limits()
    return (
        "<p>Các mục có dấu * là bắt buộc. Giấy tờ đính kèm: tệp PDF, ảnh JPEG/PNG "
        f"hoặc văn bản Word (DOCX), tối đa {per_file // MB} MB mỗi tệp và "
        f"{per_dossier // MB} MB mỗi hồ sơ. Sau khi gửi, ông/bà nhận được mã hồ "
        "sơ để tra cứu tình trạng giải quyết.</p>"
    )


def _vi(msg) -> str:
    return translate(msg, target_language="vi")


def _item(label: str, value: str) -> str:
    return f"<li><strong>{escape(label)}:</strong> {escape(value)}</li>"


def facts(procedure) -> list[tuple[str, str]]:
    """(label, text) of the procedure's processing time, fee, result and return."""
    days = _vi(format_days(procedure.processing_days))
    if procedure.processing_note:
        days = f"{days}. {procedure.processing_note.strip()}"
    fee = _vi(format_fee(procedure.fee))
    if procedure.fee_note:
        fee = f"{fee} ({procedure.fee_note.strip()})"
    center = settings.center()["center_name"]
    where = (
        f"Tại Bộ phận Một cửa, {center}; qua dịch vụ bưu chính công ích; hoặc "
        "bản điện tử gửi qua thư điện tử: ông/bà chọn ở mục “Nhận kết quả” dưới "
        "đây. Khi có kết quả, Trung tâm báo cho ông/bà qua số điện thoại hoặc "
        "thư điện tử đã khai."
    )
    rows = [("Thời hạn giải quyết", days), ("Phí, lệ phí", fee)]
    if procedure.result:
        rows.append(("Kết quả", " ".join(procedure.result.split())))
    rows.append(("Nơi và cách nhận kết quả", where))
    return rows


def prologue(procedure) -> str:
    """The HTML shown above the fields of a generated form."""
    parts = [
        f"<p>Nộp hồ sơ trực tuyến cho thủ tục <strong>{escape(procedure.title)}"
        f"</strong> (mã {escape(procedure.code or '')}).</p>",
        "<ul>" + "".join(_item(*row) for row in facts(procedure)) + "</ul>",
    ]
    conditions = getattr(procedure, "conditions", None)
    if conditions is not None and (conditions.raw or "").strip():
        parts.append("<p><strong>Yêu cầu, điều kiện:</strong></p>")
        parts.append(conditions.raw)
    counter = [row["name"] for row in checklist(procedure) if not row["online"]]
    if counter:
        parts.append(
            "<p><strong>Xuất trình tại quầy khi nhận kết quả</strong> (không "
            "phải tải lên):</p><ul>"
            + "".join(f"<li>{escape(name)}</li>" for name in counter)
            + "</ul>"
        )
    parts.append(general())
    return "".join(parts)
