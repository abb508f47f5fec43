"""The VietQR payload against NAPAS's published samples and two independent
EMVCo readers: ``cemacqr`` (a generic EMV QRCPS parser and validator, with its
own CRC) and ``vietnam_qr_pay`` (the Python port of the vietnam-qr-pay reader
of VietQR and VNPay codes)."""

from cemacqr import EMVCO
from cemacqr import parse_payload
from cemacqr import validate
from luanthanh.policy.payments import vietqr
from vietnam_qr_pay import QRPay

import pytest


# NAPAS, "Tài liệu quy định định dạng mã VietQR" (phiên bản 1.0, 09/2021,
# file QR_Format_T&C_v1.0_VN_092021.pdf), section 6.1.3 "QR động đến tài
# khoản": a dynamic code for 180,000 đ to account 0011012345678 at BIN 970403,
# bill number NPS6869, purpose "thanh toan don hang", CRC 2E2E.
NAPAS_DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBF"
    "TTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
# The same document, section 6.1.1 "QR tĩnh đến tài khoản": no amount, CRC F4E5.
# Its string declares the account "0011012345678" 12 characters long (0112)
# where its own table says 13 (0113): the CRC matches the string as printed,
# so only the CRC is checked against it.
NAPAS_STATIC = (
    "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA"
    "53037045802VN6304F4E5"
)
# The README of github.com/subiz/vietqr (Go): 120,000 đ to 0011001932418 at
# VietinBank (970415), "ủng hộ lũ lụt" written without its marks, CRC C15C.
SUBIZ_SAMPLE = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)

CENTER = ("970405", "3800201000999")


def test_crc16_check_value():
    # The catalogued check value of CRC-16/CCITT-FALSE over "123456789".
    assert vietqr.crc16("123456789") == "29B1"
    assert vietqr.crc16(b"123456789") == "29B1"


@pytest.mark.parametrize("sample", [NAPAS_DYNAMIC, NAPAS_STATIC, SUBIZ_SAMPLE])
def test_crc_of_published_samples(sample):
    assert vietqr.crc16(sample[:-4]) == sample[-4:]


def test_build_reproduces_the_napas_dynamic_sample():
    payload = vietqr.build(
        "970403", "0011012345678", 180000, "thanh toan don hang", bill_number="NPS6869"
    )
    assert payload == NAPAS_DYNAMIC


def test_build_static_is_the_napas_static_sample_with_its_length_right():
    payload = vietqr.build("970403", "0011012345678", None)
    assert payload[:-4] == NAPAS_STATIC[:-4].replace(
        "01120011012345678", "01130011012345678"
    )
    assert vietqr.parse(payload)["01"] == "11"
    assert "54" not in vietqr.parse(payload)


def test_build_takes_the_marks_off_the_purpose():
    assert (
        vietqr.build("970415", "0011001932418", 120000, "ủng hộ lũ lụt") == SUBIZ_SAMPLE
    )


def test_tags_and_lengths():
    payload = vietqr.build(*CENTER, 25000, "LPHC H56-251205-0001")
    assert payload == (
        "000201"
        "010212"
        "3857"
        "0010A000000727"
        "0127"
        "0006970405"
        "01133800201000999"
        "0208QRIBFTTA"
        "5303704"
        "540525000"
        "5802VN"
        "6224"
        "0820LPHC H56-251205-0001"
        "6304" + vietqr.crc16(payload[:-4])
    )


def test_parse_nests_templates():
    assert vietqr.parse(NAPAS_DYNAMIC) == {
        "00": "01",
        "01": "12",
        "38": {
            "00": "A000000727",
            "01": {"00": "970403", "01": "0011012345678"},
            "02": "QRIBFTTA",
        },
        "53": "704",
        "54": "180000",
        "58": "VN",
        "62": {"01": "NPS6869", "08": "thanh toan don hang"},
        "63": "2E2E",
    }


def test_parse_refuses_a_wrong_crc():
    with pytest.raises(ValueError, match="CRC"):
        vietqr.parse(NAPAS_DYNAMIC[:-4] + "2E2F")
    # One changed character of the amount is caught by the CRC too.
    with pytest.raises(ValueError, match="CRC"):
        vietqr.parse(NAPAS_DYNAMIC.replace("5406180000", "5406980000"))


@pytest.mark.parametrize(
    "payload, message",
    [
        ("", "000201"),
        ("000202" + "6304ABCD", "000201"),
        ("0002010102125802VN", "CRC"),
        ("00020101021258", "TLV"),
        ("0002010102125805VN", "cắt cụt"),
        ("0002010102120102116304" + vietqr.crc16("0002010102120102116304"), "hai lần"),
    ],
)
def test_parse_refuses_malformed_payloads(payload, message):
    with pytest.raises(ValueError, match=message):
        vietqr.parse(payload)


@pytest.mark.parametrize(
    "bin_code, account, amount, purpose, message",
    [
        ("97040", "123", 1000, "", "BIN"),
        ("97040A", "123", 1000, "", "BIN"),
        ("9704050", "123", 1000, "", "BIN"),
        ("970405", "", 1000, "", "tài khoản"),
        ("970405", "12345678901234567890", 1000, "", "tài khoản"),
        ("970405", "3800-201", 1000, "", "tài khoản"),
        ("970405", "123", 0, "", "lớn hơn 0"),
        ("970405", "123", -15000, "", "lớn hơn 0"),
        ("970405", "123", 15000.5, "", "số nguyên"),
        ("970405", "123", "15000", "", "số nguyên"),
        ("970405", "123", True, "", "số nguyên"),
        ("970405", "123", 10**13, "", "13 chữ số"),
        ("970405", "123", 1000, "x" * 26, "tối đa 25"),
    ],
)
def test_build_refuses_bad_input(bin_code, account, amount, purpose, message):
    with pytest.raises(ValueError, match=message):
        vietqr.build(bin_code, account, amount, purpose)


def test_limits_are_inclusive():
    payload = vietqr.build("970405", "A" * 19, 10**13 - 1, "x" * 25)
    parsed = vietqr.parse(payload)
    assert parsed["38"]["01"]["01"] == "A" * 19
    assert parsed["54"] == "9999999999999"
    assert parsed["62"]["08"] == "x" * 25


def test_clean_text():
    assert vietqr.clean_text("Lệ phí đăng ký khai sinh") == "Le phi dang ky khai sinh"
    assert vietqr.clean_text("ĐĂNG KÝ  KẾT HÔN\n") == "DANG KY KET HON"
    # Characters outside EMVCo "ans" (printable ASCII) go; ASCII punctuation stays.
    assert vietqr.clean_text("Phí “A” €5 – H56-0001/2026") == "Phi A 5 H56-0001/2026"
    assert vietqr.clean_text(None) == ""


def test_the_purpose_is_measured_after_cleaning():
    # 25 characters once the marks are off; the bytes in UTF-8 are more.
    purpose = "Lệ phí hộ tịch H56-000001"
    assert len(purpose.encode()) > 25
    parsed = vietqr.parse(vietqr.build(*CENTER, 8000, purpose))
    assert parsed["62"]["08"] == "Le phi ho tich H56-000001"


def test_no_purpose_no_additional_data():
    parsed = vietqr.parse(vietqr.build(*CENTER, 8000, " “” "))
    assert "62" not in parsed


def test_bank_name():
    assert vietqr.bank_name("970405").startswith("Agribank")
    assert vietqr.bank_name("999999") == "999999"


# -- round trips through independent readers ---------------------------------


PAYMENTS = [
    (("970405", "3800201000999", 25000, "LPHC H56-251205-0001"), {}),
    (("970415", "0011001932418", 120000, "ủng hộ lũ lụt"), {}),
    (("970436", "AB12CD34", 1, ""), {}),
    (
        ("970403", "0011012345678", 180000, "thanh toan don hang"),
        {"bill_number": "NPS6869"},
    ),
]


@pytest.mark.parametrize("args, kwargs", PAYMENTS)
def test_round_trip_through_cemacqr(args, kwargs):
    bin_code, account, amount, purpose = args
    payload = vietqr.build(*args, **kwargs)
    qr = parse_payload(payload)
    assert qr.crc_ok
    assert qr.to_string() == payload
    assert qr.payload_format_indicator == "01"
    assert qr.point_of_initiation == "12"
    assert qr.currency == "704"
    assert qr.country_code == "VN"
    assert qr.amount == str(amount)
    account_info = qr.merchant_accounts["38"]
    assert account_info["00"] == "A000000727"
    assert account_info["02"] == "QRIBFTTA"
    assert account_info["01"] == f"0006{bin_code}01{len(account):02d}{account}"
    assert qr.get_in("62", "08") == (vietqr.clean_text(purpose) or None)
    # VietQR is a consumer (person-to-account) profile: it leaves out the
    # three objects EMVCo requires of a merchant, and breaks no other rule.
    report = validate(qr, profile=EMVCO)
    assert sorted(v.tag for v in report.violations) == ["52", "59", "60"]
    assert {v.code for v in report.violations} == {"MANDATORY_MISSING"}


def test_cemacqr_sees_a_broken_crc():
    payload = vietqr.build(*CENTER, 25000, "LPHC H56-251205-0001")
    assert not parse_payload(payload[:-1] + ("0" if payload[-1] != "0" else "1")).crc_ok


@pytest.mark.parametrize("args, kwargs", PAYMENTS)
def test_round_trip_through_vietnam_qr_pay(args, kwargs):
    bin_code, account, amount, purpose = args
    qr = QRPay(vietqr.build(*args, **kwargs))
    assert qr.is_valid
    assert qr.init_method == "12"
    assert qr.provider.guid == "A000000727"
    assert qr.provider.service == "QRIBFTTA"
    assert qr.consumer.bank_bin == bin_code
    assert qr.consumer.bank_number == account
    assert qr.amount == str(amount)
    assert qr.currency == "704"
    assert qr.nation == "VN"
    assert qr.additional_data.purpose == (vietqr.clean_text(purpose) or None)


def test_vietnam_qr_pay_reads_the_static_sample_we_build():
    qr = QRPay(vietqr.build("970403", "0011012345678", None))
    assert qr.is_valid
    assert qr.init_method == "11"
    assert qr.amount is None


def test_we_read_what_vietnam_qr_pay_builds():
    theirs = QRPay.init_viet_qr(
        bank_bin="970405",
        bank_number="3800201000999",
        amount="15000",
        purpose="LPHC X1",
    ).build()
    parsed = vietqr.parse(theirs)
    assert parsed["38"]["01"] == {"00": "970405", "01": "3800201000999"}
    assert parsed["54"] == "15000"
    assert parsed["62"]["08"] == "LPHC X1"
    assert theirs == vietqr.build("970405", "3800201000999", 15000, "LPHC X1")
