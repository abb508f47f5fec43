"""The deadline settings: registry records, the calendar read from them, and the
control panel ``@@luanthanh-deadlines``."""

from datetime import date
from datetime import datetime
from datetime import time
from luanthanh.policy.deadlines import due_date
from luanthanh.policy.deadlines import due_datetime
from luanthanh.policy.deadlines import TZ
from luanthanh.policy.deadlines import WorkCalendar
from luanthanh.policy.deadlines.interfaces import IDeadlineSettings
from luanthanh.policy.deadlines.interfaces import PREFIX
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.testing.zope import Browser
from zope.schema import ValidationError

import pytest
import transaction


PAGE = "@@luanthanh-deadlines"


@pytest.fixture
def records(portal):
    def set_(**values):
        for name, value in values.items():
            api.portal.set_registry_record(f"{PREFIX}.{name}", value)

    return set_


class TestRecords:
    @pytest.mark.parametrize(
        ("name", "default"),
        [
            ("extra_days_off", []),
            ("extra_working_days", []),
            ("supplement_rule", "restart"),
            ("closing_time", "17:00"),
        ],
    )
    def test_default(self, portal, name, default):
        assert api.portal.get_registry_record(f"{PREFIX}.{name}") == default
        assert IDeadlineSettings[name].default == default

    def test_every_field_has_a_record(self, portal):
        for name in IDeadlineSettings.names():
            assert (
                api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
                is not None
            )

    @pytest.mark.parametrize("value", ["25:00", "17h", "5pm", "17:5", ""])
    def test_invalid_closing_time(self, value):
        # The form validates with the schema (plone.registry does not keep
        # constraints in its records) ...
        with pytest.raises(ValidationError):
            IDeadlineSettings["closing_time"].validate(value)

    @pytest.mark.parametrize(
        ("value", "hours"), [("7:30", time(7, 30)), ("23:59", time(23, 59))]
    )
    def test_valid_closing_time(self, portal, records, value, hours):
        IDeadlineSettings["closing_time"].validate(value)
        records(closing_time=value)
        assert WorkCalendar.from_registry().closing_time == hours

    @pytest.mark.parametrize("value", ["25:00", "17h", ""])
    def test_invalid_closing_time_in_the_record(self, portal, records, value):
        # ... and a bad value written to the record directly falls back to 17:00.
        records(closing_time=value)
        assert WorkCalendar.from_registry().closing_time == time(17, 0)

    def test_invalid_rule(self, portal):
        with pytest.raises(ValidationError):
            api.portal.set_registry_record(f"{PREFIX}.supplement_rule", "pause")

    def test_configlet(self, controlpanel_actions):
        assert "luanthanh-deadlines" in controlpanel_actions

    def test_configlet_title(self, portal):
        tool = api.portal.get_tool("portal_controlpanel")
        action = next(a for a in tool.listActions() if a.id == "luanthanh-deadlines")
        assert action.title == "Ngày làm việc và thời hạn"
        assert action.getPermissions() == ("Manage portal",)


class TestFromRegistry:
    def test_defaults(self, portal):
        assert WorkCalendar.from_registry() == WorkCalendar()

    def test_reads_the_settings(self, portal, records):
        records(
            extra_days_off=[date(2026, 3, 13)],
            extra_working_days=[date(2026, 3, 14), date(2026, 3, 21)],
            supplement_rule="extend",
            closing_time="16:30",
        )
        calendar = WorkCalendar.from_registry()
        assert calendar == WorkCalendar(
            extra_off=frozenset({date(2026, 3, 13)}),
            extra_working=frozenset({date(2026, 3, 14), date(2026, 3, 21)}),
            closing_time=time(16, 30),
            supplement_rule="extend",
        )
        assert not calendar.is_working_day(date(2026, 3, 13))
        assert calendar.is_working_day(date(2026, 3, 14))

    def test_functions_use_the_site_calendar(self, portal, records):
        records(extra_working_days=[date(2026, 3, 14)], closing_time="16:30")
        received = datetime(2026, 3, 13, 9, 0, tzinfo=TZ)
        assert due_date(received, 1) == date(2026, 3, 14)
        assert due_date(received, 1, calendar=WorkCalendar()) == date(2026, 3, 16)
        assert due_datetime(date(2026, 3, 14)) == datetime(
            2026, 3, 14, 16, 30, tzinfo=TZ
        )

    def test_missing_records(self, portal):
        """Before the records exist (an old site not yet upgraded): defaults."""
        registry = api.portal.get_tool("portal_registry")
        for name in IDeadlineSettings.names():
            del registry.records[f"{PREFIX}.{name}"]
        assert WorkCalendar.from_registry() == WorkCalendar()


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        pass

    def test_records_removed(self):
        for name in IDeadlineSettings.names():
            assert (
                api.portal.get_registry_record(f"{PREFIX}.{name}", default=None) is None
            )

    def test_configlet_removed(self, controlpanel_actions):
        assert "luanthanh-deadlines" not in controlpanel_actions


# The control panel, through zope.testbrowser -------------------------------------


@pytest.fixture
def page_url(functional_portal) -> str:
    return f"{functional_portal.absolute_url()}/{PAGE}"


@pytest.fixture
def manager(functional_app, functional_portal) -> Browser:
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    transaction.commit()
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {TEST_USER_NAME}:{TEST_USER_PASSWORD}")
    return browser


def registry_value(name: str):
    transaction.begin()  # see what the browser's request committed
    return api.portal.get_registry_record(f"{PREFIX}.{name}")


def test_page_renders(manager, page_url):
    manager.open(page_url)
    html = manager.contents
    assert "Ngày làm việc và thời hạn" in html
    for label in (
        "Ngày nghỉ bổ sung",
        "Ngày làm việc bù",
        "Thời hạn sau khi bổ sung hồ sơ",
        "Giờ kết thúc ngày làm việc",
        "Tính lại từ ngày nhận đủ hồ sơ bổ sung",
        "Cộng thêm số ngày chờ bổ sung",
    ):
        assert label in html
    assert manager.getControl(name="form.widgets.closing_time").value == "17:00"
    assert manager.getControl(name="form.widgets.supplement_rule:list").value == [
        "restart"
    ]


def test_page_lists_the_official_calendar(manager, page_url):
    manager.open(page_url)
    html = manager.contents
    year = date.today().year
    assert f"Lịch nghỉ lễ, Tết có sẵn năm {year}" in html
    assert f"Lịch nghỉ lễ, Tết có sẵn năm {year + 1}" in html
    assert f"01/01/{year}: Tết Dương lịch" in html
    assert "Tết Nguyên Đán" in html


def test_save_a_make_up_saturday(manager, page_url):
    manager.open(page_url)
    manager.getControl(name="form.widgets.extra_working_days.buttons.add").click()
    manager.getControl(name="form.widgets.extra_working_days.0").value = "2026-03-14"
    manager.getControl(name="form.widgets.supplement_rule:list").value = ["extend"]
    manager.getControl(name="form.widgets.closing_time").value = "16:30"
    manager.getControl(name="form.buttons.save").click()
    assert "alert-info" in manager.contents  # Plone's "changes saved"
    assert registry_value("extra_working_days") == [date(2026, 3, 14)]
    assert registry_value("supplement_rule") == "extend"
    assert registry_value("closing_time") == "16:30"
    calendar = WorkCalendar.from_registry()
    assert calendar.is_working_day(date(2026, 3, 14))
    assert calendar.supplement_rule == "extend"
    # The saved date is shown again on the page, dd/mm/yyyy like every day
    # the site shows (browser/dates.py); typed ISO above, it was accepted.
    manager.open(page_url)
    assert (
        manager.getControl(name="form.widgets.extra_working_days.0").value
        == "14/03/2026"
    )


def test_invalid_closing_time_is_refused(manager, page_url):
    manager.open(page_url)
    manager.getControl(name="form.widgets.closing_time").value = "25:00"
    manager.getControl(name="form.buttons.save").click()
    assert "Nhập giờ theo dạng giờ:phút (24 giờ), ví dụ 17:00." in manager.contents
    assert registry_value("closing_time") == "17:00"


def test_refused_to_anonymous(functional_app, page_url):
    browser = Browser(functional_app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(page_url)
    assert "form.widgets.extra_working_days" not in browser.contents
    assert "login" in browser.url or browser.headers["status"].startswith("401")
