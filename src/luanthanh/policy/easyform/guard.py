"""Protection of the online forms against bots, floods and double posts.

Every EasyForm with an enabled "Tạo hồ sơ" action gets two extra fields
from a plone.z3cform form extender (editors add nothing by hand):

``luanthanh_homepage``
    the honeypot: a text input moved off screen, hidden from assistive
    technology and from the tab order.  People never fill it; bots that fill
    every input do.
``luanthanh_guard``
    a hidden ``<timestamp>.<token>.<signature>``, made when the form is
    rendered and signed with the site's keyring (HMAC-SHA256, bound to the
    form's UID).  The timestamp gives the minimum fill time; the token
    identifies this rendering of the form: it becomes the dossier's
    ``submission_token``, so a double click or a browser retry finds the
    first dossier instead of creating a second one.

The checks run in a z3c.form manager validator, i.e. while the form's data
is extracted and before any easyform action runs (no mail, no saved data,
no dossier for a rejected post); their errors are shown at the top of the
form.  The same validator applies the per-IP rate limit and the limit on the
total size of a dossier's uploads.  Honeypot and minimum fill time follow
the setting ``honeypot_enabled``; the rate limit ``submission_limit`` (0 =
none) and ``submission_window_minutes``.

A stamp expires ``stamp_max_age_hours`` after the form was rendered (24 by
default, setting ``luanthanh.policy.online.stamp_max_age_hours``): a page
kept open for days, or one a cache handed to many citizens, then asks to be
reloaded, with its own message, instead of filing a dossier under an old
token (issue #14, finding 12).  The form pages themselves are
``Cache-Control: no-store, private`` (``browser/online.py`` marks them).
"""

from collective.easyform.interfaces import IEasyFormForm
from collective.easyform.interfaces import IEasyFormWidget
from dataclasses import dataclass
from html import escape
from luanthanh.policy import settings
from luanthanh.policy.easyform.forms import dossier_actions
from luanthanh.policy.i18n import _
from luanthanh.policy.throttle import client_ip
from luanthanh.policy.throttle import limiter
from luanthanh.policy.uploads import check_total
from luanthanh.policy.uploads import UploadRejected
from plone.keyring.interfaces import IKeyManager
from plone.uuid.interfaces import IUUID
from plone.z3cform.fieldsets.extensible import FormExtender
from Products.Five import BrowserView
from z3c.form.browser.text import TextWidget
from z3c.form.field import Fields
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IManagerValidator
from z3c.form.util import getSpecification
from z3c.form.widget import FieldWidget
from zope import schema
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid

import hashlib
import hmac
import re
import secrets
import time


HONEYPOT = "luanthanh_homepage"
GUARD = "luanthanh_guard"
GUARD_FIELDS = (HONEYPOT, GUARD)

#: A person needs more than this many seconds to fill in a dossier form.
MIN_FILL_SECONDS = 3
#: A stamp from further in the future than this (clock skew) is forged.
MAX_CLOCK_SKEW = 60
SUBMIT_BUTTON = "form.buttons.submit"
CACHE_KEY = "luanthanh.policy.easyform.guard"
KEYRING = "_system"

GUARD_RE = re.compile(
    r"^(?P<ts>\d{9,11})\.(?P<token>[0-9a-f]{32})\.(?P<sig>[0-9a-f]{64})$"
)


class IFormGuard(Interface):
    """The fields the extender adds to forms that create dossiers."""

    luanthanh_homepage = schema.TextLine(
        title=_("label_honeypot_field", default="Để trống ô này"),
        required=False,
        default="",
        missing_value="",
    )
    luanthanh_guard = schema.ASCIILine(
        title=_("label_guard_field", default="Mã kiểm tra của biểu mẫu"),
        required=False,
    )


# The signed stamp ------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    timestamp: int
    token: str


def _keys() -> list[str]:
    manager = queryUtility(IKeyManager)
    if manager is None:  # pragma: no cover - every Plone site has one
        return []
    return [key for key in manager[KEYRING] if key]


def _signature(key: str, form_uid: str, timestamp: int, token: str) -> str:
    message = f"luanthanh.policy.online|{form_uid}|{timestamp}|{token}"
    return hmac.new(
        key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def new_stamp(form, now: float | None = None) -> str:
    """A fresh ``<timestamp>.<token>.<signature>`` for one rendering of ``form``."""
    timestamp = int(time.time() if now is None else now)
    token = secrets.token_hex(16)
    key = queryUtility(IKeyManager).secret(KEYRING)
    return f"{timestamp}.{token}.{_signature(key, IUUID(form, ''), timestamp, token)}"


def read_stamp(value, form, now: float | None = None) -> Stamp | None:
    """The stamp in ``value`` when we signed it for ``form``; None otherwise."""
    match = GUARD_RE.match(value or "") if isinstance(value, str) else None
    if match is None:
        return None
    timestamp, token = int(match["ts"]), match["token"]
    now = time.time() if now is None else now
    if timestamp > now + MAX_CLOCK_SKEW:
        return None
    form_uid = IUUID(form, "")
    for key in _keys():
        if hmac.compare_digest(
            match["sig"], _signature(key, form_uid, timestamp, token)
        ):
            return Stamp(timestamp, token)
    return None


def submission_token(data: dict, form) -> str | None:
    """The token of the rendering a submission comes from, when valid."""
    stamp = read_stamp(data.get(GUARD), form)
    return stamp.token if stamp else None


# Widgets ---------------------------------------------------------------------


class IGuardWidget(IEasyFormWidget):
    """Our widgets: rendered without Plone's label and help wrapper.

    A sub-interface of easyform's widget marker, so that its own
    ``ploneform-render-widget`` (with the label) does not win.
    """


@implementer(IGuardWidget)
class HoneypotWidget(TextWidget):
    """A text input people do not see; it must come back empty."""

    def render(self):
        if self.mode != "input":
            return ""
        label = translate(self.label, context=self.request) if self.label else ""
        return (
            '<div class="luanthanh-hp" aria-hidden="true" style="position:absolute;'
            'left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">'
            f'<label for="{escape(self.id)}">{escape(label)}</label>'
            f'<input type="text" id="{escape(self.id)}" name="{escape(self.name)}" '
            'value="" tabindex="-1" autocomplete="off" /></div>'
        )


@implementer(IGuardWidget)
class GuardWidget(TextWidget):
    """The hidden signed stamp; a new one each time the form is first shown."""

    def update(self):
        super().update()
        if not self.value:
            self.value = new_stamp(self.form.context)

    def render(self):
        if self.mode == DISPLAY_MODE:
            return ""
        return (
            f'<input type="hidden" id="{escape(self.id)}" name="{escape(self.name)}" '
            f'value="{escape(self.value or "")}" />'
        )


@implementer(IFieldWidget)
def HoneypotFieldWidget(field, request):
    return FieldWidget(field, HoneypotWidget(request))


@implementer(IFieldWidget)
def GuardFieldWidget(field, request):
    return FieldWidget(field, GuardWidget(request))


class RenderGuardWidget(BrowserView):
    """``@@ploneform-render-widget`` for our widgets: the bare markup."""

    def __call__(self):
        return self.context.render()


# The extender ----------------------------------------------------------------


class GuardExtender(FormExtender):
    """Adds the honeypot and the stamp to forms that create dossiers."""

    def update(self):
        if not dossier_actions(self.context):
            return
        fields = Fields(IFormGuard)
        fields[HONEYPOT].widgetFactory = HoneypotFieldWidget
        fields[GUARD].widgetFactory = GuardFieldWidget
        fields[GUARD].mode = HIDDEN_MODE
        if not settings.online().honeypot_enabled:
            fields = fields.omit(HONEYPOT)
        self.add(fields)


# The checks ------------------------------------------------------------------


BOT = _(
    "error_online_bot",
    default="Biểu mẫu không gửi được vì có dấu hiệu được điền tự động. Vui lòng "
    "tải lại trang, điền lại và gửi; nếu vẫn không được, xin liên hệ Trung tâm.",
)
TOO_FAST = _(
    "error_online_too_fast",
    default="Biểu mẫu được gửi quá nhanh sau khi mở. Vui lòng kiểm tra lại thông "
    "tin đã khai, chọn lại các tệp đính kèm rồi bấm gửi lần nữa.",
)


def stale(hours: int):
    return _(
        "error_online_stale",
        default="Biểu mẫu này đã được mở quá ${hours} giờ nên đã hết hạn. Vui "
        "lòng tải lại trang, điền lại và gửi.",
        mapping={"hours": hours},
    )


EXPIRED = _(
    "error_online_expired",
    default="Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang, điền "
    "lại và gửi.",
)


def rate_limited(minutes: int):
    return _(
        "error_online_rate_limited",
        default="Đã có quá nhiều hồ sơ được gửi từ địa chỉ mạng của ông/bà trong "
        "${minutes} phút qua. Vui lòng thử lại sau hoặc liên hệ Trung tâm.",
        mapping={"minutes": minutes},
    )


def is_submission(request) -> bool:
    """A real post of the form (not inline validation or a re-rendering)."""
    return request.get("REQUEST_METHOD") == "POST" and SUBMIT_BUTTON in request.form


def uploaded_bytes(request) -> int:
    """The total size of the files posted to the form's widgets."""
    total = 0
    for name, value in request.form.items():
        if not name.startswith("form.widgets."):
            continue
        for upload in value if isinstance(value, list) else [value]:
            if getattr(upload, "filename", None) and hasattr(upload, "seek"):
                upload.seek(0, 2)
                total += upload.tell()
                upload.seek(0)
    return total


def check_submission(form, request, data: dict, now: float | None = None) -> list:
    """The reasons (``Invalid``) to refuse this post of ``form``; [] when none."""
    values = settings.online()
    now = time.time() if now is None else now
    stamp = read_stamp(data.get(GUARD), form, now=now)
    if stamp is None:
        return [Invalid(EXPIRED)]
    max_age = values.stamp_max_age_hours
    if now - stamp.timestamp > max_age * 3600:
        return [Invalid(stale(max_age))]
    if values.honeypot_enabled:
        if (data.get(HONEYPOT) or "").strip():
            return [Invalid(BOT)]
        if now - stamp.timestamp < MIN_FILL_SECONDS:
            return [Invalid(TOO_FAST)]
    limit = values.submission_limit or 0
    window = values.submission_window_minutes or 60
    if limit > 0 and is_submission(request):
        key = ("submit", client_ip(request))
        if not limiter.hit(key, limit, window * 60):
            return [Invalid(rate_limited(window))]
    try:
        check_total(uploaded_bytes(request), settings.upload_limits()[1])
    except UploadRejected as error:
        return [Invalid(error.message)]
    return []


class GuardValidator:
    """The manager validator of :class:`IFormGuard` on easyform forms.

    easyform extracts the data twice in one request (to run the actions, then
    for the thank-you page): the result is kept on the request so that a post
    counts once against the rate limit.
    """

    def __init__(self, context, request, view, schema, manager):
        self.request = request
        self.view = view

    def validate(self, data):
        cache = IAnnotations(self.request)
        if CACHE_KEY not in cache:
            cache[CACHE_KEY] = tuple(
                check_submission(self.view.context, self.request, data)
            )
        return cache[CACHE_KEY]


# Called with the schema itself: adapt the IFormGuard object, not its providers.
adapter(
    Interface,
    Interface,
    IEasyFormForm,
    getSpecification(IFormGuard, force=True),
    Interface,
)(GuardValidator)
implementer(IManagerValidator)(GuardValidator)
