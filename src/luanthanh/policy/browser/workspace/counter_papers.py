"""The table of papers of the counter intake form (thành phần hồ sơ đã nhận).

For each document of the chosen procedure's checklist the official picks
"Không nhận", "Bản chính", "Bản sao" or "Xuất trình" and a count; two more
rows take papers the checklist does not name.  The table's inputs are plain
request variables (``papers.<n>.form``, ``papers.<n>.count``,
``papers.extra.<k>.name`` …), read back here, whatever the z3c.form fields
say; ``papers.procedure`` names the procedure the table was shown for, so
that a table left from another procedure is never taken for this one.

The choices become the rows of
:func:`luanthanh.policy.api.dossier.receive_at_counter`, which checks them
(the counts too: a count that is not a number goes to the API as typed, and
comes back as its Vietnamese message).
"""

from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.dossiers.papers import default_count
from luanthanh.policy.dossiers.papers import default_form
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import PAPER_FORMS


MARKER = "papers.procedure"
EXTRA_ROWS = 2
NOT_RECEIVED = _("paper_form_none", default="Không nhận")


def options(translate) -> list[dict]:
    """The choices of a row: not received, then the forms of the vocabulary."""
    return [{"value": "", "title": translate(NOT_RECEIVED)}] + [
        {"value": token, "title": translate(title)} for token, title in PAPER_FORMS
    ]


def shown_for(request, procedure) -> bool:
    """Whether the request carries the table of ``procedure`` (as typed)."""
    return procedure is not None and request.form.get(MARKER) == procedure.UID()


def _count(value) -> int | str:
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() else text


def table(request, procedure, errors=frozenset()) -> list[dict]:
    """The rows to show: the checklist with the values typed (or proposed),
    then the extra rows; ``errors``: the keys of the rows at fault."""
    typed = shown_for(request, procedure)
    rows = []
    for document in checklist(procedure):
        key = str(document["number"])
        form = request.form.get(f"papers.{key}.form") if typed else None
        count = request.form.get(f"papers.{key}.count") if typed else None
        rows.append(
            dict(
                document,
                key=key,
                extra=False,
                form=default_form(document) if form is None else form,
                count=str(default_count(document)) if count is None else count,
                error=key in errors,
            )
        )
    for index in range(1, EXTRA_ROWS + 1):
        key = f"extra.{index}"
        rows.append(
            {
                "key": key,
                "number": "",
                "name": request.form.get(f"papers.{key}.name", "") if typed else "",
                "extra": True,
                "mandatory": False,
                "online": True,
                "note": "",
                "form": request.form.get(f"papers.{key}.form", "") if typed else "",
                "count": request.form.get(f"papers.{key}.count", "1") if typed else "1",
                "error": key in errors,
            }
        )
    return rows


def received(request, procedure) -> tuple[list[dict], list[str]]:
    """The papers the official marked as received, for the API, and the key
    of each (to show an error beside its row)."""
    papers, keys = [], []
    for row in table(request, procedure):
        form = row["form"] or ""
        name = (row["name"] or "").strip() if isinstance(row["name"], str) else ""
        if not form and not (row["extra"] and name):
            continue
        papers.append(
            {
                "name": name,
                "form": form,
                "count": 1 if form == "shown" else _count(row["count"]),
            }
        )
        keys.append(row["key"])
    return papers, keys
