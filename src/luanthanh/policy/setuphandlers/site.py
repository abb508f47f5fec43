"""The site policy: title, description and the sections of the site."""

from dataclasses import dataclass
from luanthanh.policy.config import logger
from luanthanh.policy.i18n import _
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.i18n import translate
from zope.i18nmessageid import Message


SITE_TITLE = _("site_title", default="Trung tâm Phục vụ hành chính công xã Luận Thành")
SITE_DESCRIPTION = _(
    "site_description",
    default=(
        "Tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi kết quả "
        "giải quyết tại Trung tâm Phục vụ hành chính công xã Luận Thành."
    ),
)


@dataclass(frozen=True)
class Section:
    """A top-level section the site policy creates."""

    id: str
    title: Message
    description: Message
    public: bool = True
    portal_type: str = "Folder"
    layout: str = ""  # the view the section shows, when not its type's default


SECTIONS: tuple[Section, ...] = (
    Section(
        "thu-tuc-hanh-chinh",
        _("section_procedures", default="Thủ tục hành chính"),
        _(
            "section_procedures_description",
            default="Danh mục thủ tục hành chính: thành phần hồ sơ, thời hạn, phí "
            "và lệ phí, nơi tiếp nhận.",
        ),
        portal_type="ProcedureFolder",
    ),
    Section(
        "nop-ho-so",
        _("section_online_submission", default="Nộp hồ sơ trực tuyến"),
        _(
            "section_online_submission_description",
            default="Các thủ tục nhận hồ sơ trực tuyến: không khoảng cách, không "
            "giấy tờ thừa, không dùng tiền mặt.",
        ),
        layout="nop-ho-so",
    ),
    Section(
        "tra-cuu-ho-so",
        _("section_lookup", default="Tra cứu hồ sơ"),
        _(
            "section_lookup_description",
            default="Theo dõi tình trạng giải quyết hồ sơ bằng mã hồ sơ và số điện "
            "thoại.",
        ),
    ),
    Section(
        "thong-bao",
        _("section_notices", default="Thông báo"),
        _("section_notices_description", default="Thông báo của Trung tâm."),
        layout="thong-bao",
    ),
    Section(
        "van-ban",
        _("section_documents", default="Văn bản chỉ đạo"),
        _(
            "section_documents_description",
            default="Văn bản chỉ đạo, điều hành hoạt động của Trung tâm.",
        ),
        portal_type="LegalDocumentFolder",
    ),
    Section(
        "gioi-thieu",
        _("section_about", default="Giới thiệu Trung tâm"),
        _(
            "section_about_description",
            default="Địa chỉ, giờ làm việc, các lĩnh vực và khu vực phục vụ của "
            "Trung tâm.",
        ),
        layout="gioi-thieu",
    ),
    Section(
        "ho-so",
        _("section_dossiers", default="Hồ sơ"),
        _(
            "section_dossiers_description",
            default="Sổ theo dõi hồ sơ của cán bộ, công chức. Không công khai.",
        ),
        public=False,
        portal_type="DossierFolder",
    ),
)


FRONT_PAGE_INTRO = _(
    "front_page_intro",
    default=(
        "Trung tâm tiếp nhận và trả kết quả giải quyết thủ tục hành chính cho "
        "người dân, doanh nghiệp theo tiêu chí “3 không”: không khoảng cách, "
        "không giấy tờ thừa, không dùng tiền mặt."
    ),
)
FRONT_PAGE_LINKS = (
    (
        "thu-tuc-hanh-chinh",
        _("front_page_link_procedures", default="Tra cứu thủ tục hành chính"),
    ),
    ("nop-ho-so", _("front_page_link_submit", default="Nộp hồ sơ trực tuyến")),
    (
        "tra-cuu-ho-so",
        _("front_page_link_lookup", default="Tra cứu tình trạng hồ sơ"),
    ),
)


def _t(msg: Message) -> str:
    """Translate a message into the site's default language."""
    language = api.portal.get_default_language() or "vi"
    return translate(msg, target_language=language)


def configure_site(portal) -> None:
    """Set the site's title, description and welcome text in its language."""
    title = _t(SITE_TITLE)
    description = _t(SITE_DESCRIPTION)
    portal.setTitle(title)
    portal.setDescription(description)
    api.portal.set_registry_record("plone.site_title", title)
    text = getattr(portal, "text", None)
    if text is None or not text.raw.strip():
        portal.text = RichTextValue(front_page_html(), "text/html", "text/x-html-safe")
    portal.reindexObject()


def front_page_html() -> str:
    """The welcome text of the site root, in the site's language."""
    links = "".join(
        f'<li><a href="{section_id}">{_t(label)}</a></li>'
        for section_id, label in FRONT_PAGE_LINKS
    )
    return f"<p>{_t(FRONT_PAGE_INTRO)}</p><ul>{links}</ul>"


def create_sections(portal) -> None:
    """Create the top-level sections that do not exist yet.

    Existing sections are left as they are, so re-running the profile never
    overwrites what editors have changed.
    """
    for position, section in enumerate(SECTIONS):
        if section.id in portal.objectIds():
            continue
        folder = api.content.create(
            container=portal,
            type=section.portal_type,
            id=section.id,
            title=_t(section.title),
            description=_t(section.description),
            language=api.portal.get_default_language() or "vi",
        )
        if section.layout:
            folder.setLayout(section.layout)
        if section.public and api.content.get_state(folder) != "published":
            api.content.transition(obj=folder, to_state="published")
        # Non-public sections stay private: only Managers, Site Administrators
        # and those given a local role see them.
        portal.moveObjectToPosition(section.id, position)
        logger.info("Created section %s", section.id)


GROUPS = (
    (
        "mot-cua",
        _("group_desk", default="Bộ phận Một cửa"),
        ["DossierReceiver"],
    ),
    (
        "chuyen-vien",
        _("group_processors", default="Chuyên viên xử lý"),
        ["DossierProcessor"],
    ),
    (
        "lanh-dao",
        _("group_approvers", default="Lãnh đạo phê duyệt"),
        ["DossierApprover"],
    ),
)


def create_groups() -> None:
    """The officials' groups, each holding its role; members are added by hand."""
    for group_id, title, roles in GROUPS:
        group = api.group.get(groupname=group_id)
        if group is None:
            group = api.group.create(groupname=group_id, title=_t(title), roles=roles)
        else:
            api.group.grant_roles(group=group, roles=roles)


def use_section_layouts(portal) -> None:
    """Give existing sections the view they should show (used by upgrades)."""
    for section in SECTIONS:
        folder = portal.get(section.id)
        if (
            section.layout
            and folder is not None
            and folder.getLayout() != section.layout
        ):
            folder.setLayout(section.layout)
