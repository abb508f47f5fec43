"""VietQR payloads: the NAPAS 247 profile of the EMVCo merchant-presented QR.

A leaf module (standard library only).  :func:`build` writes the text that a
payment QR code carries, :func:`parse` reads one back, :func:`crc16` is its
checksum.  The layout follows NAPAS, "Tài liệu quy định định dạng mã VietQR"
(phiên bản 1.0, 09/2021), which profiles EMV QRCPS Merchant-Presented Mode
v1.1; a dynamic transfer to an account (section 6.1.3 of the NAPAS document)
is::

    00 02 01                    payload format indicator
    01 02 12                    point of initiation: 12 dynamic (11 static)
    38 ..                       consumer (beneficiary) account information
       00 10 A000000727         GUID of NAPAS
       01 ..                    beneficiary organisation
          00 06 <BIN>           the bank's NAPAS BIN
          01 .. <account>       the account number
       02 08 QRIBFTTA           service: fast transfer 24/7 to an account
    53 03 704                   currency: Vietnamese đồng
    54 .. <amount>              amount (dynamic codes only)
    58 02 VN                    country
    62 ..                       additional data
       01 .. <bill number>      (optional)
       08 .. <purpose>          purpose of the transfer, at most 25 characters
    63 04 <CRC>                 CRC-16/CCITT-FALSE over everything before it,
                                "6304" included

Lengths are two decimal digits counting characters; every value this module
writes is plain ASCII, so characters and bytes agree.
"""

import re
import unicodedata


GUID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
STATIC = "11"
DYNAMIC = "12"

#: Limits of the NAPAS profile.
BIN_LENGTH = 6
ACCOUNT_MAX = 19
AMOUNT_MAX_DIGITS = 13
PURPOSE_MAX = 25
BILL_NUMBER_MAX = 25

#: Root IDs whose value is itself TLV (EMV QRCPS 4.2 and 4.7): merchant
#: account information templates, additional data, language template and the
#: unreserved templates.
ROOT_TEMPLATES = frozenset(
    {f"{n:02d}" for n in range(26, 52)}
    | {"62", "64"}
    | {f"{n}" for n in range(80, 100)}
)

#: A few NAPAS BINs (Ngân hàng Nhà nước's list of bank identification numbers)
#: for showing the bank by name; anything else is shown by its BIN.
BANKS = {
    "970405": "Agribank – Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "970415": "VietinBank – Ngân hàng TMCP Công thương Việt Nam",
    "970418": "BIDV – Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
    "970436": "Vietcombank – Ngân hàng TMCP Ngoại thương Việt Nam",
    "970422": "MB – Ngân hàng TMCP Quân đội",
    "970407": "Techcombank – Ngân hàng TMCP Kỹ thương Việt Nam",
    "970416": "ACB – Ngân hàng TMCP Á Châu",
    "970432": "VPBank – Ngân hàng TMCP Việt Nam Thịnh Vượng",
    "970423": "TPBank – Ngân hàng TMCP Tiên Phong",
    "970403": "Sacombank – Ngân hàng TMCP Sài Gòn Thương Tín",
    "970443": "SHB – Ngân hàng TMCP Sài Gòn – Hà Nội",
    "970449": "LPBank – Ngân hàng TMCP Lộc Phát Việt Nam",
    "970446": "Co-opBank – Ngân hàng Hợp tác xã Việt Nam",
}

_BIN_RE = re.compile(r"^\d{6}$")
_ACCOUNT_RE = re.compile(r"^[A-Za-z0-9]{1,19}$")
#: EMVCo "ans": the printable ASCII characters, space to tilde.
_NOT_ANS = re.compile(r"[^\x20-\x7e]")
_SPACES = re.compile(r"\s+")
_TLV_HEAD = re.compile(r"^\d{4}$")


def bank_name(bin_code: str) -> str:
    """The bank of a NAPAS BIN, or the BIN itself when it is not in the table."""
    return BANKS.get(bin_code, bin_code)


def crc16(data: str | bytes) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final
    xor) of ``data`` as four upper-case hex digits.  Text is taken as UTF-8.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def tlv(tag: str, value: str) -> str:
    """One data object: ID, two-digit length, value."""
    if not (len(tag) == 2 and tag.isdigit()):
        raise ValueError(f"ID EMVCo phải gồm 2 chữ số, không phải {tag!r}")
    if not 0 < len(value) <= 99:
        raise ValueError(f"ID {tag}: giá trị phải dài từ 1 đến 99 ký tự")
    return f"{tag}{len(value):02d}{value}"


def clean_text(text: str | None) -> str:
    """``text`` as EMVCo "ans": Vietnamese letters without their marks
    (đ → d), other characters outside printable ASCII dropped, runs of
    whitespace made one space.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(ch)
    )
    text = _NOT_ANS.sub("", _SPACES.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def check_bin(bin_code: str) -> str:
    value = str(bin_code or "").strip()
    if not _BIN_RE.match(value):
        raise ValueError(
            f"Mã BIN của ngân hàng phải gồm 6 chữ số, không phải {bin_code!r}"
        )
    return value


def check_account(account: str) -> str:
    value = str(account or "").strip()
    if not _ACCOUNT_RE.match(value):
        raise ValueError(
            f"Số tài khoản phải gồm 1 đến {ACCOUNT_MAX} chữ cái hoặc chữ số, "
            f"không phải {account!r}"
        )
    return value


def check_amount(amount: int) -> str:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError(f"Số tiền phải là một số nguyên đồng, không phải {amount!r}")
    if amount <= 0:
        raise ValueError(f"Số tiền phải lớn hơn 0, không phải {amount}")
    value = str(amount)
    if len(value) > AMOUNT_MAX_DIGITS:
        raise ValueError(f"Số tiền không được quá {AMOUNT_MAX_DIGITS} chữ số")
    return value


def check_purpose(purpose: str | None, limit: int = PURPOSE_MAX) -> str:
    """The purpose as it will be written: cleaned, at most ``limit`` characters."""
    value = clean_text(purpose)
    if len(value) > limit:
        raise ValueError(
            f"Nội dung {value!r} dài {len(value)} ký tự; "
            f"mã VietQR chỉ chứa được tối đa {limit} ký tự"
        )
    return value


def build(
    bin_code: str,
    account: str,
    amount: int | None,
    purpose: str = "",
    *,
    bill_number: str = "",
) -> str:
    """The VietQR payload of a transfer of ``amount`` đồng to ``account`` at
    the bank ``bin_code``, with ``purpose`` as the transfer's description.

    ``amount`` None makes a static code (point of initiation 11, no amount);
    otherwise the code is dynamic (12).  Vietnamese marks are taken off the
    purpose.  Raises ValueError on any input that cannot be written.
    """
    bin_code = check_bin(bin_code)
    account = check_account(account)
    amount_text = None if amount is None else check_amount(amount)
    purpose = check_purpose(purpose)
    bill_number = check_purpose(bill_number, BILL_NUMBER_MAX)

    beneficiary = tlv("00", bin_code) + tlv("01", account)
    merchant = tlv("00", GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_ACCOUNT)
    additional = (tlv("01", bill_number) if bill_number else "") + (
        tlv("08", purpose) if purpose else ""
    )
    payload = (
        tlv("00", "01")
        + tlv("01", STATIC if amount_text is None else DYNAMIC)
        + tlv("38", merchant)
        + tlv("53", CURRENCY_VND)
        + (tlv("54", amount_text) if amount_text else "")
        + tlv("58", COUNTRY_VN)
        + (tlv("62", additional) if additional else "")
        + "6304"
    )
    return payload + crc16(payload)


def split(text: str) -> list[tuple[str, str]]:
    """The data objects of ``text``, in order.  Raises ValueError if it is not
    well-formed TLV."""
    objects = []
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if not _TLV_HEAD.match(head):
            raise ValueError(
                f"Mã không đúng định dạng TLV ở ký tự {position}: {head!r}"
            )
        length = int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise ValueError(f"ID {head[:2]} ở ký tự {position} bị cắt cụt")
        objects.append((head[:2], value))
        position += 4 + length
    return objects


def _mapping(objects: list[tuple[str, str]], where: str) -> dict:
    result = {}
    for tag, value in objects:
        if tag in result:
            raise ValueError(f"ID {tag} xuất hiện hai lần{where}")
        result[tag] = value
    return result


def parse(payload: str) -> dict:
    """The data objects of a payload as a dict of ID → value, templates as
    nested dicts (the beneficiary organisation of a NAPAS account template
    too).  Raises ValueError when the payload is malformed, does not start
    with the format indicator or end with a CRC, or the CRC is wrong.
    """
    payload = (payload or "").strip()
    objects = split(payload)
    if not objects or objects[0] != ("00", "01"):
        raise ValueError("Mã VietQR phải bắt đầu bằng 000201")
    if objects[-1][0] != "63" or len(objects[-1][1]) != 4:
        raise ValueError("Mã VietQR phải kết thúc bằng mã kiểm tra CRC (ID 63)")
    expected = crc16(payload[:-4])
    if payload[-4:].upper() != expected:
        raise ValueError(
            f"Sai mã kiểm tra CRC: mã ghi {payload[-4:]}, tính ra {expected}"
        )
    result = _mapping(objects, "")
    for tag, value in result.items():
        if tag in ROOT_TEMPLATES:
            template = _mapping(split(value), f" trong ID {tag}")
            if template.get("00") == GUID and "01" in template:
                template["01"] = _mapping(split(template["01"]), f" trong ID {tag}.01")
            result[tag] = template
    return result
