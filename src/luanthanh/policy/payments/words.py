"""An amount of đồng in Vietnamese words, as a receipt writes it (issue #18).

    amount_in_words(15000)    # "Mười lăm nghìn đồng"
    amount_in_words(1050000)  # "Một triệu không trăm năm mươi nghìn đồng"
    amount_in_words(0)        # "Không đồng"

The words of each group of three digits come from num2words
(``lang="vi"``).  The groups are put together here, the way receipts and
invoices write amounts ("viết bằng chữ"): every group after the first is
read with its hundreds, so 1.010 is "một nghìn không trăm mười" and
1.050.000 "một triệu không trăm năm mươi nghìn", where num2words alone
says "một nghìn lẻ mười" and "một triệu năm mươi nghìn"; a group that is
all zeros is left out (1.000.005: "một triệu không trăm lẻ năm").  The
"lẻ" of num2words is kept ("một trăm lẻ năm"; "linh" in the North).

A leaf module: no Plone imports.
"""

from num2words import num2words


#: The names of the groups of three digits, from the units up.
GROUPS = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")
LIMIT = 1000 ** len(GROUPS)
CURRENCY = "đồng"
ZERO = "không"
HUNDRED = "trăm"
#: Before a unit after an empty tens place ("một trăm lẻ năm").
ODD = "lẻ"


def _group(value: int, leading: bool) -> str:
    """The words of one group (1–999); a group after the first keeps its
    hundreds ("không trăm mười", "không trăm lẻ năm")."""
    if leading or value >= 100:
        return num2words(value, lang="vi")
    if value < 10:
        return f"{ZERO} {HUNDRED} {ODD} {num2words(value, lang='vi')}"
    return f"{ZERO} {HUNDRED} {num2words(value, lang='vi')}"


def number_in_words(number: int) -> str:
    """``number`` (0 ≤ number < 10**18) in lower-case Vietnamese words."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"an amount is a whole number of đồng, not {number!r}")
    if not 0 <= number < LIMIT:
        raise ValueError(f"no words for {number}")
    if number == 0:
        return ZERO
    groups = []
    rest = number
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        value = groups[index]
        if not value:
            continue
        words.append(_group(value, leading=index == top))
        if GROUPS[index]:
            words.append(GROUPS[index])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """``amount`` đồng in words, capitalised: ``Mười lăm nghìn đồng``."""
    text = f"{number_in_words(amount)} {CURRENCY}"
    return text[:1].upper() + text[1:]
