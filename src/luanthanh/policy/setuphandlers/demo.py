"""Demo content, added by the ``luanthanh.policy:demo`` profile.

Every item says that it is sample data.  Later features add their own demo
content here; running the profile again never duplicates anything.
"""

from luanthanh.policy import logger
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


def post_install(setup_tool) -> None:
    """Add the demo notices that are missing."""
    portal = getToolByName(setup_tool, "portal_url").getPortalObject()
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
    processQueue()
