"""Demo content, added by the ``luanthanh.policy:demo`` profile.

Every item says that it is sample data.  Later features add their own demo
content here; running the profile again never duplicates anything.
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.api import procedure as procedures
from luanthanh.policy.config import logger
from luanthanh.policy.settings import site as site_settings
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.setuphandlers.demo_public import demo_about_pages
from luanthanh.policy.setuphandlers.demo_public import demo_documents
from luanthanh.policy.setuphandlers.demo_public import demo_more_notices
from pathlib import Path
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.utils import getToolByName


DEMO_MARK = "Dữ liệu mẫu (sample data)"

NOTICES = (
    {
        "id": "trung-tam-di-vao-hoat-dong",
        "title": "Trung tâm Phục vụ hành chính công xã Luận Thành đi vào hoạt động",
        "description": (
            "Từ ngày 01/7/2025, Trung tâm tiếp nhận và trả kết quả giải quyết thủ "
            "tục hành chính cho người dân, doanh nghiệp theo tiêu chí “3 không”: "
            "không khoảng cách, không giấy tờ thừa, không dùng tiền mặt."
        ),
    },
)


DATA = Path(__file__).parent / "data"


def demo_procedures(portal) -> dict:
    """Import the demo procedures (data/procedures.json), published.

    The import is idempotent by code: running the profile again leaves
    existing procedures as they are when nothing changed.
    """
    folder = portal.get("thu-tuc-hanh-chinh")
    if folder is None:
        return {}
    data = (DATA / "procedures.json").read_bytes()
    result = exchange.import_procedures(folder, data, "json", publish=True)
    logger.info(
        "Demo procedures: %d created, %d updated, %d unchanged",
        len(result["created"]),
        len(result["updated"]),
        len(result["unchanged"]),
    )
    return result


def post_install(setup_tool) -> None:
    """Add the demo procedures, online forms and notices that are missing."""
    portal = getToolByName(setup_tool, "portal_url").getPortalObject()
    demo_procedures(portal)
    demo_forms(portal)
    demo_online_forms()
    demo_notices(portal)
    demo_more_notices(portal)
    demo_documents(portal)
    demo_about_pages(portal)
    demo_contact()
    processQueue()


#: The center's hotline and e-mail for the demo, marked as samples: the
#: number is in the unused range the demo dossiers use (0900 0xx xxx), the
#: address in a domain reserved for examples.
DEMO_CONTACT = {
    "hotline": "0900 000 000 (số mẫu)",
    "email": "motcua.luanthanh@example.org",
}


def demo_contact() -> None:
    """Fill the footer's hotline and e-mail when the site has none yet."""
    settings = site_settings()
    for name, value in DEMO_CONTACT.items():
        if not getattr(settings, name):
            api.portal.set_registry_record(settings.record_name(name), value)


def demo_online_forms() -> list:
    """A generated form for every demo procedure that accepts online dossiers
    and has no hand-made form (after :func:`demo_forms`); idempotent."""
    results = procedures.generate_forms()
    logger.info("Demo: %d online forms generated", len(results))
    return results


def demo_notices(portal) -> None:
    notices = portal.get("thong-bao")
    if notices is None:
        return
    for data in NOTICES:
        if data["id"] in notices.objectIds():
            continue
        item = api.content.create(
            container=notices,
            type="News Item",
            id=data["id"],
            title=data["title"],
            description=f"{data['description']} [{DEMO_MARK}]",
            language="vi",
        )
        api.content.transition(obj=item, to_state="published")
        logger.info("Demo: created %s", "/".join(item.getPhysicalPath()))
