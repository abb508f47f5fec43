"""The dossier (hồ sơ) and the officials' tracking book (sổ theo dõi hồ sơ).

The field ids are the API (plone.restapi, imports, statistics): keep them.
Dates are timezone-aware and shown in Asia/Ho_Chi_Minh.  What the workflow
sets (received_at, due_date, resolved_at, returned_at, timeliness, history)
is read-only in forms and in the REST API; only the workflow and the importers
write it.
"""

from Acquisition import aq_get
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from luanthanh.policy.content import lazy_trees
from luanthanh.policy.content.attributes import no_field_lookup
from luanthanh.policy.content.delivery import IResultDelivery
from luanthanh.policy.content.payment import IPayment
from luanthanh.policy.fields import optional_text
from luanthanh.policy.fields import PICK_PROCEDURES
from luanthanh.policy.fields import read_only
from luanthanh.policy.fields import read_only_records
from luanthanh.policy.fields import switch
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IDossierCatalogTool
from luanthanh.policy.normalize import CCCD_RE
from luanthanh.policy.normalize import normalize_phone
from plone.app.vocabularies.catalog import CatalogSource
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.schema import Email
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.component import queryUtility
from zope.event import notify
from zope.interface import implementer
from zope.traversing.interfaces import BeforeTraverseEvent


class InvalidIdNumber(schema.ValidationError):
    __doc__ = _(
        "error_id_number",
        default="Số định danh cá nhân gồm đúng 12 chữ số.",
    )


class InvalidPhone(schema.ValidationError):
    __doc__ = _(
        "error_phone",
        default="Số điện thoại không hợp lệ: dùng số di động 10 chữ số (ví dụ "
        "0912 345 678) hoặc số cố định có mã vùng (ví dụ 0237 3852 123).",
    )


def validate_phone(value: str) -> bool:
    if not normalize_phone(value):
        raise InvalidPhone(value)
    return True


def validate_id_number(value: str) -> bool:
    if not CCCD_RE.match(value or ""):
        raise InvalidIdNumber(value)
    return True


#: The "Thời gian" fieldset: what the workflow records about time, never edited.
DATES = (
    "submitted_at",
    "received_at",
    "due_date",
    "resolved_at",
    "closed_at",
    "returned_at",
    "timeliness",
)


class IApplicant(model.Schema):
    """Người nộp hồ sơ: who submits a dossier (the counter intake form asks this)."""

    applicant_name = schema.TextLine(
        title=_("label_applicant_name", default="Họ và tên người nộp"),
        required=True,
    )
    applicant_id_number = schema.TextLine(
        title=_("label_applicant_id_number", default="Số định danh cá nhân"),
        description=_(
            "help_applicant_id_number", default="12 chữ số in trên thẻ căn cước."
        ),
        required=False,
        constraint=validate_id_number,
    )
    applicant_phone = schema.TextLine(
        title=_("label_applicant_phone", default="Số điện thoại"),
        required=True,
        constraint=validate_phone,
    )
    applicant_email = Email(
        title=_("label_applicant_email", default="Thư điện tử"),
        required=False,
    )
    applicant_address = optional_text(_("label_applicant_address", default="Địa chỉ"))


class IDossier(IApplicant, IResultDelivery, IPayment):
    """Hồ sơ thủ tục hành chính."""

    directives.mode(code="display")
    code = read_only(schema.TextLine, _("label_dossier_code", default="Mã hồ sơ"))

    directives.widget("procedure", pattern_options=PICK_PROCEDURES)
    procedure = RelationChoice(
        title=_("label_dossier_procedure", default="Thủ tục hành chính"),
        source=CatalogSource(portal_type="Procedure"),
        required=True,
    )

    model.fieldset(
        "applicant",
        label=_("fieldset_applicant", default="Người nộp hồ sơ"),
        fields=[
            "applicant_name",
            "applicant_id_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
        ],
    )
    channel = schema.Choice(
        title=_("label_dossier_channel", default="Hình thức nộp"),
        vocabulary="luanthanh.policy.channels",
        required=True,
        default="direct",
    )
    priority = switch(
        _("label_dossier_priority", default="Ưu tiên (người yếu thế)"),
        description=_(
            "help_dossier_priority",
            default="Người cao tuổi, người khuyết tật, phụ nữ mang thai… Hồ sơ ưu "
            "tiên đứng đầu mọi hàng chờ.",
        ),
        default=False,
    )

    model.fieldset(
        "dates", label=_("fieldset_dates", default="Thời gian"), fields=list(DATES)
    )
    directives.omitted(*DATES)
    submitted_at = read_only(
        schema.Datetime, _("label_submitted_at", default="Ngày nộp")
    )
    received_at = read_only(
        schema.Datetime, _("label_received_at", default="Ngày tiếp nhận")
    )
    due_date = read_only(
        schema.Datetime, _("label_due_date", default="Ngày hẹn trả kết quả")
    )
    resolved_at = read_only(
        schema.Datetime, _("label_resolved_at", default="Ngày giải quyết xong")
    )
    closed_at = read_only(
        schema.Datetime,
        _("label_closed_at", default="Ngày kết thúc xử lý"),
        _(
            "help_closed_at",
            default="Khi hồ sơ được giải quyết (phê duyệt hoặc từ chối), rút hoặc "
            "dừng giải quyết.",
        ),
    )
    returned_at = read_only(
        schema.Datetime, _("label_returned_at", default="Ngày trả kết quả")
    )
    timeliness = read_only(
        schema.Choice,
        _("label_timeliness", default="Kết quả đúng hạn"),
        vocabulary="luanthanh.policy.timeliness",
    )

    model.fieldset(
        "processing",
        label=_("fieldset_processing", default="Xử lý"),
        fields=["result_file", "assigned_to", "notes"],
    )
    result_file = NamedBlobFile(
        title=_("label_result_file", default="Kết quả đã số hóa"),
        required=False,
    )
    directives.omitted("assigned_to")
    assigned_to = read_only(
        schema.TextLine, _("label_assigned_to", default="Cán bộ xử lý")
    )
    notes = optional_text(
        _("label_notes", default="Ghi chú nội bộ"),
        description=_(
            "help_notes",
            default="Chỉ cán bộ xem được; không bao giờ gửi cho người nộp hồ sơ.",
        ),
    )

    model.fieldset(
        "online",
        label=_("fieldset_online", default="Nộp trực tuyến"),
        fields=[
            "form_data",
            "consent_text",
            "consented_at",
            "rating",
            "rating_comment",
            "rated_at",
        ],
    )
    directives.omitted("form_data")
    form_data = read_only_records(
        _("label_form_data", default="Nội dung tờ khai trực tuyến"),
        _(
            "help_form_data",
            default="Mọi câu trả lời của người nộp hồ sơ trên biểu mẫu: nhãn và "
            "giá trị.",
        ),
    )
    directives.omitted("consent_text", "consented_at")
    consent_text = read_only(
        schema.Text,
        _("label_consent_text", default="Nội dung đã đồng ý"),
        _(
            "help_consent_text",
            default="Lời đồng ý xử lý dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân "
            "số 91/2025/QH15) mà người nộp hồ sơ đã đánh dấu.",
        ),
    )
    consented_at = read_only(
        schema.Datetime, _("label_consented_at", default="Thời điểm đồng ý")
    )
    directives.omitted("rating", "rating_comment", "rated_at")
    rating = read_only(
        schema.Choice,
        _("label_rating", default="Mức độ hài lòng"),
        vocabulary="luanthanh.policy.rating_levels",
    )
    rating_comment = read_only(
        schema.Text, _("label_rating_comment", default="Góp ý của người nộp hồ sơ")
    )
    rated_at = read_only(
        schema.Datetime, _("label_rated_at", default="Thời điểm đánh giá")
    )

    directives.omitted("history", "received_documents")
    history = read_only_records(_("label_history", default="Quá trình xử lý"))
    #: The papers received (name, form, count, note): the receipt's item 1.
    received_documents = read_only_records(
        _("label_received_documents", default="Giấy tờ đã nhận"),
        _(
            "help_received_documents",
            default="Mỗi giấy tờ người nộp hồ sơ đã nộp: tên, hình thức (bản chính, "
            "bản sao, xuất trình), số lượng, ghi chú.",
        ),
    )

    # Written by the workflow, the slips and the online forms; never by a form
    # or a REST PATCH (read-only, omitted from the forms).
    directives.omitted(
        "supplement_request", "supplement_requested_at", "apologies", "submission_token"
    )
    #: What the citizen must add (the reason of the last request for supplement).
    supplement_request = read_only(
        schema.Text,
        _("label_supplement_request", default="Nội dung yêu cầu bổ sung"),
    )
    #: While waiting for the supplement: the deadline is suspended since then.
    supplement_requested_at = read_only(
        schema.Datetime,
        _("label_supplement_requested_at", default="Thời điểm yêu cầu bổ sung"),
    )
    #: One record per apology letter (mẫu 04): time, actor, new_date, reason.
    apologies = read_only_records(
        _("label_apologies", default="Các lần xin lỗi, hẹn lại ngày trả")
    )
    #: One per rendered online form, so that a double submit makes one dossier.
    submission_token = read_only(
        schema.TextLine,
        _("label_submission_token", default="Mã phiên nộp trực tuyến"),
    )


def dossier_catalog(obj):
    """The site's dossier catalog, acquired from ``obj``; None before 1009."""
    tool = queryUtility(IDossierCatalogTool)
    if tool is None:
        return None
    return aq_get(obj, tool.getId(), tool, 1)


@implementer(IDossier)
class Dossier(Container):
    """A dossier; its attachments are the File items it holds."""

    code = ""
    submitted_at = None
    received_at = None
    due_date = None
    resolved_at = None
    closed_at = None
    returned_at = None
    timeliness = None
    assigned_to = ""
    history = ()
    form_data = ()
    received_documents = None  # not recorded: dossiers received before 1.1.0
    consent_text = None
    consented_at = None
    rating = None
    rating_comment = None
    rated_at = None
    supplement_request = None
    supplement_requested_at = None
    apologies = ()
    submission_token = None  # one per rendered online form: no double dossiers
    # The schema defaults of the fields a dossier often leaves unset, as class
    # attributes: the dossier catalog asks for them on every indexing, and
    # Dexterity's __getattr__ would look each up in the schema and behaviors.
    applicant_id_number = None
    applicant_email = None
    applicant_address = ""
    priority = False
    result_delivery = "center"  # dossiers made before the choice: the center
    result_address = ""
    result_file = None
    notes = ""
    # The fee and its payment (content/payment.py): None is "not recorded",
    # the dossiers made before 1.1.0.
    fee_due = fee_standard = fee_status = payment_method = None
    paid_at = fee_settled_at = None
    fee_reason = payment_reference = receipt_number = paid_recorded_by = ""
    payment_history = ()

    __getattr__ = no_field_lookup
    # BTreeFolder2's trees, made by the first add (content/lazy_trees.py).
    _tree = lazy_trees.tree()
    _mt_index = lazy_trees.tree()
    _count = lazy_trees.count()
    _initBTrees = lazy_trees.no_trees

    def _setOb(self, id, object):
        lazy_trees.make_trees(self)
        super()._setOb(id, object)

    def _getCatalogTool(self):
        """The dossier catalog: ``reindexObjectSecurity`` walks it by path, so
        that a transition reindexes the dossier and its attachments there."""
        tool = dossier_catalog(self)
        return tool if tool is not None else super()._getCatalogTool()


class IDossierFolder(model.Schema):
    """Sổ theo dõi hồ sơ."""


class DossierIds(OOBTree):
    """The tracking book's id → dossier tree, with larger buckets.

    Dossier ids follow their codes (the day, then the sequence of the day):
    every new dossier goes into the last bucket.  Two adds into one bucket
    merge, unless the bucket splits, and with OOBTree's 30 keys it splits
    every 15 adds: each split made the concurrent submissions conflict and
    Zope retry them whole.  250 keys split every 125 adds.
    """

    max_leaf_size = 250


class DossierTypeIds(OIBTree):
    """The ids of one meta type in the book (BTreeFolder2's ``_mt_index``),
    with larger buckets for the same reason as :class:`DossierIds` (the
    last conflicts of concurrent submissions once the others were gone)."""

    max_leaf_size = 250


@implementer(IDossierFolder)
class DossierFolder(Container):
    """The tracking book: a BTree folder without ordering.

    Plone's default ordering keeps a list of every id, which grows with each
    dossier and conflicts on every concurrent add; the "unordered" ordering
    adapter of plone.folder keeps nothing.  Its ids live in
    :class:`DossierIds` (upgrade 1018 converts an older book).
    """

    _ordering = "unordered"
    __getattr__ = no_field_lookup

    def _initBTrees(self):
        super()._initBTrees()
        self._tree = DossierIds()

    def _setOb(self, id, object):
        """As BTreeFolder2, the ids of a new meta type in a DossierTypeIds."""
        meta_type = getattr(object, "meta_type", None)
        if meta_type is not None and self._mt_index.get(meta_type) is None:
            self._mt_index[meta_type] = DossierTypeIds()
        super()._setOb(id, object)

    def notifyModified(self):
        """Keep the book's own record unchanged when a dossier is added.

        plone.dexterity reindexes a container on every IContainerModifiedEvent
        (one per dossier added or removed), and CMF's ``reindexObject()`` then
        sets the container's modification date: a write to this one object
        by every submission, which every concurrent submission conflicts on
        (a ConflictError ZODB cannot resolve; the request is retried, up to
        minutes under load).  The book is a technical container whose date
        nobody reads, so it keeps the date it has; the reindexing itself
        then writes nothing to the catalog either.
        """

    def reindexObject(self, idxs=None, update_metadata=1, uid=None):
        """Reindex the book only when the book itself changed.

        plone.dexterity reindexes a container in full on every
        IContainerModifiedEvent, that is on every dossier added: a full
        reindex of the book in ``portal_catalog`` by each submission, whose
        writes (its keyword and path indexes) concurrent submissions
        conflicted on.  Adding a dossier leaves the book's own record
        unchanged (:meth:`notifyModified`), so there is nothing to index;
        an edit of the book (its title, its workflow) changes the record and
        is indexed as usual, as is any reindex of named indexes.
        """
        if not idxs and not self._p_changed and self._p_jar is not None:
            return
        super().reindexObject(idxs or [], update_metadata=update_metadata, uid=uid)

    def reindexObjectSecurity(self, skip_self=False):
        """Reindex the security of the book (in ``portal_catalog``) and of
        everything inside it (in the dossier catalog), e.g. after sharing."""
        super().reindexObjectSecurity(skip_self=skip_self)
        catalog = dossier_catalog(self)
        if catalog is None:
            return
        path = "/".join(self.getPhysicalPath())
        # Not processing the queue mid-request, as CMF's own method does.
        for brain in catalog._unrestrictedSearchResults(path=path):
            if brain.getPath() == path:
                continue
            try:
                obj = brain._unrestrictedGetObject()
            except (AttributeError, KeyError):
                continue
            if obj is None:
                continue
            ghost = getattr(obj, "_p_changed", 0) is None
            obj.reindexObject(idxs=self._cmf_security_indexes, update_metadata=0)
            if ghost:
                obj._p_deactivate()

    def __before_publishing_traverse__(self, arg1, arg2=None):
        """Tell subscribers that a request goes through the book.

        ``security/hidden_book.py`` marks such a request, so that any path
        under the book answers one and the same "not found" to whoever may not
        see it (issue #14, finding 3).  Zope calls this hook for the book
        itself and for every path below it, whatever the traverser
        (Classic, ``++api++``, acquisition).
        """
        super().__before_publishing_traverse__(arg1, arg2)
        notify(BeforeTraverseEvent(self, arg2 or arg1))
