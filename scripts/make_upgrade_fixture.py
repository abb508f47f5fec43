"""Build the stored-site fixture of the upgrade test (issue #13).

Usage: ``python scripts/make_upgrade_fixture.py [--out DIR] [--keep DIR]``

In a temporary directory, with the instance machinery of ``make start``
(``scripts/make_instance.py`` for a FileStorage instance,
``scripts/create_site.py`` for the site ``Plone`` with ``luanthanh.policy:
default`` and the demo profile), this fills the site with a small set of
dossiers that covers every state of ``luanthanh_dossier_workflow`` and every
persistent thing a dossier carries, packs the storage and writes:

* ``DIR/site-1007.fs.xz``: the packed ``Data.fs``, xz-compressed;
* ``DIR/site-1007-blobs.tar.xz``: its blob directory.

``DIR`` defaults to ``tests/upgrades/fixtures``; the README there says what
the fixture holds.  ``tests/upgrades/test_stored_site.py`` opens it with the
code of the day and runs the upgrade steps: that is the proof that moving a
module keeps old databases working.

The same file is the ``zconsole run`` script that fills the site (run with
``--fill``): ``app`` is then the Zope root.

The ``--fill`` part calls the code of the commit the fixture is made from
(4a84e72, profile 1007: ``luanthanh.policy.api.create_dossier``,
``browser.slips.add_apology``, ``lookup.attach_supplement``...), which the
reshaping of issue #13 moved.  Run it from a checkout of that commit
(``git worktree add /tmp/v1007 4a84e72``); a fixture of a later version
(``site-1008.*``) is made from that version's checkout, with this script
updated to its API there.
"""

from pathlib import Path

import argparse
import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile


# zconsole runs this file without ``__file__``; it runs from the repository.
ROOT = Path(globals().get("__file__") or "scripts/x").resolve().parent.parent
BIN = Path(sys.executable).parent
SITE_ID = "Plone"
VERSION = "1007"
DEFAULT_OUT = ROOT / "tests" / "upgrades" / "fixtures"

PASSWORD = "Matkhau-1234!"
OFFICIALS = {
    # user id: (group, full name)
    "motcua": ("mot-cua", "Cán bộ một cửa"),
    "chuyenvien": ("chuyen-vien", "Chuyên viên tư pháp"),
    "lanhdao": ("lanh-dao", "Phó Chủ tịch UBND xã"),
}
PROCEDURE_CODE = "1.004873"  # xác nhận tình trạng hôn nhân: tư pháp - hộ tịch
# A tiny but real PDF (uploads sniff "%PDF-").
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08"
    b"\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00"
    b"\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


# -- outside Zope: the driver ----------------------------------------------


def _run(args: list[str], env: dict) -> None:
    print("$", " ".join(args), flush=True)
    subprocess.run(args, env=env, cwd=ROOT, check=True)


def build(out: Path, keep: Path | None = None) -> None:
    base = Path(tempfile.mkdtemp(prefix="upgrade-fixture-"))
    try:
        env = {
            **os.environ,
            "ZODB_BACKEND": "filestorage",
            "DOSSIER_CODE_SEQUENCE": "transaction",
            "SITE_ID": SITE_ID,
            "ADMIN_USER": "admin",
            "ADMIN_PASSWORD": "admin",
            "DEMO": "true",
            "DEMO_WORKSPACE": "false",
            "DELETE_EXISTING": "false",
        }
        python = str(BIN / "python")
        zconsole = str(BIN / "zconsole")
        instance, var = base / "instance", base / "var"
        _run(
            [
                python,
                "scripts/make_instance.py",
                "--instance",
                str(instance),
                "--var",
                str(var),
            ],
            env,
        )
        zope_conf = str(instance / "etc" / "zope.conf")
        _run([zconsole, "run", zope_conf, "scripts/create_site.py"], env)
        _run([zconsole, "run", zope_conf, str(Path(__file__).resolve()), "--fill"], env)
        out.mkdir(parents=True, exist_ok=True)
        data_fs = var / "filestorage" / "Data.fs"
        target = out / f"site-{VERSION}.fs.xz"
        with data_fs.open("rb") as src, lzma.open(target, "wb", preset=9) as dst:
            shutil.copyfileobj(src, dst)
        blobs = out / f"site-{VERSION}-blobs.tar.xz"
        with tarfile.open(blobs, "w:xz", preset=9) as tar:
            tar.add(var / "blobstorage", arcname="blobstorage")
        names = write_names(out, base / "check", env)
        for path in (target, blobs, names):
            print(f"Wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
        print(f"(Data.fs: {data_fs.stat().st_size / 1024:.0f} KiB uncompressed)")
        if keep is not None:
            shutil.copytree(base, keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def write_names(out: Path, base: Path, env: dict) -> Path:
    """Open the new fixture as the test does and write the stored names.

    ``site-<version>-names.json``: the add-on's classes and other globals
    stored in the database, and the dotted names stored as strings that
    resolve with the code that made it; the test checks they all still do.
    """
    sys.path.insert(0, str(ROOT))
    from tests.upgrades.stored_site import run_check
    from tests.upgrades.stored_site import unpack
    from tests.upgrades.stored_site import write_zope_conf

    base.mkdir(parents=True, exist_ok=True)
    unpack(base, VERSION, out)
    summary, output = run_check(write_zope_conf(base, env), env=env)
    if summary["errors"] or summary["unimportable"] or summary["broken"]:
        print(output)
        raise SystemExit("the new fixture does not pass its own check")
    names = {
        "made_by": "scripts/make_upgrade_fixture.py",
        "head": _git("rev-parse", "--short", "HEAD"),
        "src_commit": _git("log", "-1", "--format=%h", "--", "src"),
        "src_changed": bool(_git("status", "--porcelain", "--", "src")),
        "profile_version": VERSION,
        "records": summary["records"],
        "dossier_states": summary["dossiers"]["states"],
    }
    for key in (
        "luanthanh_classes",
        "luanthanh_globals",
        "luanthanh_globals_held_by",
        "resolving_strings",
        "luanthanh_strings",
    ):
        names[key] = summary[key]
    path = out / f"site-{VERSION}-names.json"
    path.write_text(
        json.dumps(names, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--keep", type=Path, help="also copy the instance and var/ here"
    )
    args = parser.parse_args()
    build(args.out.resolve(), args.keep.resolve() if args.keep else None)


# -- inside Zope (zconsole run ... --fill): the dossiers ---------------------


def fill(app) -> None:
    from AccessControl.SecurityManagement import newSecurityManager
    from datetime import date
    from datetime import datetime
    from datetime import timedelta
    from datetime import UTC
    from luanthanh.policy.api import create_dossier
    from luanthanh.policy.api import receive_at_counter
    from luanthanh.policy.browser.slips import add_apology
    from luanthanh.policy.content.codes import ANNOTATION_KEY
    from luanthanh.policy.content.procedure import find_by_code
    from luanthanh.policy.exchange.dossiers import import_dossiers
    from luanthanh.policy.exchange.dossiers import rows_from_dicts
    from luanthanh.policy.lookup import attach_supplement
    from luanthanh.policy.lookup import rate
    from luanthanh.policy.security import audit
    from luanthanh.policy.security.login import PLUGIN_ID
    from plone import api
    from plone.dexterity.utils import createContentInContainer
    from plone.namedfile.file import NamedBlobFile
    from Testing.makerequest import makerequest
    from zope.annotation.interfaces import IAnnotations
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    import transaction

    app = makerequest(app, environ={"HTTP_ACCEPT_LANGUAGE": "vi"})
    app.REQUEST["LANGUAGE"] = app.REQUEST["I18N_LANGUAGE"] = "vi"
    setRequest(app.REQUEST)
    site = app[SITE_ID]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))

    for userid, (group, fullname) in OFFICIALS.items():
        if api.user.get(userid=userid) is None:
            api.user.create(
                email=f"{userid}@luanthanh.example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            api.group.add_user(groupname=group, username=userid)
    procedure = find_by_code(PROCEDURE_CODE)[0].getObject()
    api.portal.set_registry_record(
        "luanthanh.policy.dossier.assignees", {procedure.field: "chuyenvien"}
    )
    transaction.commit()

    applicant = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0900 012 345",
        "applicant_id_number": "038090001234",
        "applicant_email": "an@example.org",
        "applicant_address": "Thôn 1, xã Luận Thành",
    }

    def fire(dossier, transition: str, user: str, comment: str = "") -> None:
        with api.env.adopt_user(username=user):
            api.portal.get_tool("portal_workflow").doActionFor(
                dossier, transition, comment=comment
            )

    def attach(dossier, name: str, data: bytes, content_type: str) -> None:
        with api.env.adopt_roles(["Manager"]):
            createContentInContainer(
                dossier,
                "File",
                checkConstraints=False,
                title=name,
                file=NamedBlobFile(data=data, contentType=content_type, filename=name),
            )

    made = {}

    # intake: submitted online, with its form answers, consent and a file.
    made["intake"] = d = create_dossier(
        procedure,
        channel="online",
        unrestricted=True,
        form_data=[
            {"label": "Họ và tên", "value": "Nguyễn Văn An"},
            {"label": "Mục đích", "value": "Đăng ký kết hôn"},
        ],
        consent_text="Tôi đồng ý cho xử lý dữ liệu cá nhân.",
        consented_at=datetime.now(UTC),
        **applicant,
    )
    attach(d, "to-khai.pdf", PDF, "application/pdf")

    # processing: received at the desk, late-ish: an apology issued.
    with api.env.adopt_user(username="motcua"):
        made["processing"] = d = receive_at_counter(
            procedure, priority=True, **applicant
        )
    new_date = d.due_date.date() + timedelta(days=7)
    while new_date.weekday() >= 5:
        new_date += timedelta(days=1)
    add_apology(d, new_date, "Cần xác minh thêm tại nơi cư trú trước đây.", "motcua")
    audit.record(d, "chuyenvien", audit.VIEW, "view")

    # supplement: asked for papers, the citizen uploaded one (still waiting).
    with api.env.adopt_user(username="motcua"):
        made["supplement"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "request_supplement", "chuyenvien", "Bổ sung bản sao CCCD của bên kia.")
    attach_supplement(d, [("cccd.png", PNG)])

    # approval: supplemented, resumed, sent back once, submitted again.
    with api.env.adopt_user(username="motcua"):
        made["approval"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "request_supplement", "chuyenvien", "Bổ sung giấy xác nhận cư trú.")
    attach_supplement(d, [("cu-tru.pdf", PDF)])
    fire(d, "resume", "chuyenvien")
    fire(d, "submit_for_approval", "chuyenvien")
    fire(d, "send_back", "lanhdao", "Ghi rõ nơi cư trú.")
    fire(d, "submit_for_approval", "chuyenvien")

    # result: approved, its digitised result attached.
    with api.env.adopt_user(username="motcua"):
        made["result"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "submit_for_approval", "chuyenvien")
    fire(d, "approve", "lanhdao")
    d.result_file = NamedBlobFile(
        data=PDF, contentType="application/pdf", filename="ket-qua.pdf"
    )

    # returned: delivered, then rated by the citizen.
    with api.env.adopt_user(username="motcua"):
        made["returned"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "submit_for_approval", "chuyenvien")
    fire(d, "approve", "lanhdao")
    fire(d, "deliver", "motcua")
    rate(d, "very_satisfied", "Cán bộ nhiệt tình.")

    # rejected, twice: refused at intake, denied at approval.
    made["rejected-refused"] = d = create_dossier(
        procedure, channel="online", unrestricted=True, **applicant
    )
    fire(d, "refuse", "motcua", "Thủ tục không thuộc thẩm quyền của xã.")
    with api.env.adopt_user(username="motcua"):
        made["rejected-denied"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "submit_for_approval", "chuyenvien")
    fire(d, "deny", "lanhdao", "Không đủ điều kiện theo quy định.")

    # stopped and withdrawn.
    with api.env.adopt_user(username="motcua"):
        made["stopped"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "stop", "chuyenvien", "Có tranh chấp, chờ tòa án giải quyết.")
    with api.env.adopt_user(username="motcua"):
        made["withdrawn"] = d = receive_at_counter(procedure, **applicant)
    fire(d, "withdraw", "motcua", "Công dân xin rút hồ sơ.")
    transaction.commit()

    # One historic dossier through the import (old system's code, history).
    folder = site["ho-so"]
    received = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)
    result = import_dossiers(
        folder,
        rows_from_dicts(
            [
                {
                    "code": "000.00.99.H56-251103-0001",
                    "procedure_code": PROCEDURE_CODE,
                    "applicant_name": "Trần Thị Hoa",
                    "applicant_phone": "0900023456",
                    "channel": "direct",
                    "received_at": received.isoformat(),
                    "resolved_at": (received + timedelta(days=1)).isoformat(),
                    "outcome": "result",
                }
            ]
        ),
    )
    assert result["created"], result
    transaction.commit()

    states = {name: api.content.get_state(obj) for name, obj in sorted(made.items())}
    for name, state in states.items():
        expected = name.split("-")[0]
        assert state == expected, (name, state)
    counters = IAnnotations(folder)[ANNOTATION_KEY]
    assert PLUGIN_ID in site.acl_users.objectIds()
    print("States:", states)
    print("Counters:", {day: c.value for day, c in counters.items()})
    print("Dossiers:", len(folder.objectIds()), "on", date.today().isoformat())

    db = app._p_jar.db()
    db.pack(days=0)
    print("Packed")


if __name__ == "__main__":
    if "--fill" in sys.argv and "app" in globals():
        _app = globals()["app"]  # bound by zconsole
        fill(_app)
        _app._p_jar.db().close()
    else:
        main()
