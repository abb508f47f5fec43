"""Bàn làm việc: queues, deadlines, priority order, filters, search, batching."""

from luanthanh.policy.browser.workspace import dashboard as workspace_module
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import codes_in
from luanthanh.policy.testing.http import count_in
from unittest import mock
from urllib.parse import quote

import lxml.html
import pytest
import re


def _queue_counts(html: str) -> dict[str, int]:
    section = html.split('id="hang-cho"', 1)[1].split("</section>", 1)[0]
    return {
        title.strip(): int(count)
        for title, count in re.findall(
            r'class="queue-state">([^<]+)</span>\s*<span[^>]*queue-number">(\d+)<',
            section,
        )
    }


def _panel(html: str, key: str) -> str:
    return html.split(f'id="deadline-{key}"', 1)[1].split("card-footer", 1)[0]


def _panel_count(html: str, key: str) -> int:
    return int(re.search(r'deadline-count">(\d+)<', _panel(html, key)).group(1))


class TestDashboard:
    def open(self, app, workspace, user, query=""):
        browser = browser_for(app, user)
        browser.open(f"{workspace['url']}{query}")
        return browser

    # Who may see it ----------------------------------------------------------

    @pytest.mark.parametrize("user", ["congdan", "bientap", "quantri"])
    def test_refused_to_members_editors_and_site_administrators(
        self, functional_app_class, workspace, user
    ):
        browser = self.open(functional_app_class, workspace, user)
        # Under the tracking book a refusal is the book's one 404 (issue #14,
        # finding 3; security/hidden_book.py).
        assert browser.headers["status"].startswith("404")
        assert "Không tìm thấy trang" in browser.contents
        assert "Bàn làm việc" not in browser.contents
        assert workspace["codes"]["i1"] not in browser.contents

    def test_anonymous_gets_the_books_404(self, functional_app_class, workspace):
        """The book's address says nothing to Anonymous (issue #14, finding 3);
        its page points to the login, which comes back to the dashboard."""
        browser = self.open(functional_app_class, workspace, None)
        assert browser.headers["status"].startswith("404")
        assert workspace["codes"]["i1"] not in browser.contents
        assert "ban-lam-viec" in browser.getLink("Đăng nhập").url

    def test_site_root_goes_to_the_tracking_book(self, functional_app_class, workspace):
        browser = browser_for(functional_app_class, "motcua")
        browser.open(f"{workspace['portal_url']}/@@ban-lam-viec?scope=all")
        assert browser.url == f"{workspace['url']}?scope=all"
        assert "Bàn làm việc" in browser.contents

    def test_site_root_refused_to_anonymous(self, functional_app_class, workspace):
        browser = browser_for(functional_app_class, None)
        browser.open(f"{workspace['portal_url']}/@@ban-lam-viec")
        assert "login" in browser.url

    # Queues and counts -------------------------------------------------------

    def test_desk_queue(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "motcua").contents
        codes = workspace["codes"]
        assert _queue_counts(html) == {"Chờ tiếp nhận": 2, "Đã có kết quả, chờ trả": 1}
        # Priority first (i2); then by due date: the result to hand over has
        # one, the dossier waiting for intake not yet.
        listed = codes_in(html)
        assert listed == [codes["i2"], codes["r1"], codes["i1"]]
        assert count_in(html) == 3
        assert "Tiếp nhận hồ sơ trực tiếp" in html

    def test_processor_queue(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "chuyenvien").contents
        codes = workspace["codes"]
        assert _queue_counts(html) == {"Đang giải quyết": 2, "Chờ bổ sung": 1}
        listed = codes_in(html)
        # p2 is a priority dossier (and overdue): first.  Then by due date.
        assert listed[0] == codes["p2"]
        assert set(listed) == {codes["p1"], codes["p2"], codes["s1"]}
        assert listed.index(codes["p1"]) < listed.index(codes["s1"])
        assert "Tiếp nhận hồ sơ trực tiếp" not in html

    def test_other_processor_sees_only_own(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "chuyenvien2").contents
        assert codes_in(html) == [workspace["codes"]["p3"]]
        assert _queue_counts(html) == {"Đang giải quyết": 1, "Chờ bổ sung": 0}
        # Even "all" shows only what this official may see.
        html = self.open(
            functional_app_class, workspace, "chuyenvien2", "?scope=all"
        ).contents
        assert codes_in(html) == [workspace["codes"]["p3"]]
        assert workspace["codes"]["i1"] not in html

    def test_approver_queue(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "lanhdao").contents
        assert _queue_counts(html) == {"Chờ phê duyệt": 1}
        assert codes_in(html) == [workspace["codes"]["a1"]]

    def test_manager_sees_every_open_dossier(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "quanly").contents
        assert _queue_counts(html) == {
            "Chờ tiếp nhận": 2,
            "Đang giải quyết": 3,
            "Chờ bổ sung": 1,
            "Chờ phê duyệt": 1,
            "Đã có kết quả, chờ trả": 1,
        }
        assert count_in(html) == 8

    # Deadlines -------------------------------------------------------------

    def test_deadline_panels(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "motcua").contents
        codes = workspace["codes"]
        assert _panel_count(html, "today") == 1
        assert codes["p1"] in _panel(html, "today")
        assert _panel_count(html, "soon") == 1
        assert codes["p3"] in _panel(html, "soon")
        # Overdue: only unresolved dossiers; the returned one is not.
        assert _panel_count(html, "overdue") == 1
        assert codes["p2"] in _panel(html, "overdue")
        assert codes["ret"] not in _panel(html, "overdue")

    def test_processor_deadlines_are_their_own(self, functional_app_class, workspace):
        html = self.open(functional_app_class, workspace, "chuyenvien").contents
        assert _panel_count(html, "today") == 1
        assert _panel_count(html, "soon") == 0
        assert _panel_count(html, "overdue") == 1

    def test_rows_highlighted(self, functional_app_class, workspace):
        html = self.open(
            functional_app_class, workspace, "motcua", "?scope=all"
        ).contents
        codes = workspace["codes"]

        def row(code: str) -> str:
            start = html.rindex(
                "<tr", 0, html.index(f">{code}</a>", html.index("dossier-table"))
            )
            return html[start : html.index("</tr>", start)]

        assert "dossier-overdue" in row(codes["p2"])
        assert "dossier-priority" in row(codes["p2"])
        assert "Quá hạn" in row(codes["p2"])
        assert "dossier-badge-overdue" in row(codes["p2"])
        assert "dossier-due-today" in row(codes["p1"])
        assert "Đến hạn hôm nay" in row(codes["p1"])
        assert "dossier-due-soon" in row(codes["p3"])
        assert "Còn 1 ngày làm việc" in row(codes["p3"])
        assert "dossier-overdue" not in row(codes["ret"])
        # Assigned official by name; local times "HH giờ MM phút ngày dd/mm/yyyy".
        assert "Chuyên viên kinh tế" in row(codes["p3"])
        assert "09 giờ 30 phút ngày 10/03/2025" in row(codes["p3"])
        assert re.search(r"17 giờ 00 phút ngày \d\d/\d\d/\d{4}", row(codes["p1"]))
        assert "Qua dịch vụ bưu chính" in row(codes["p3"])
        assert "Vũ Thị Giang" in row(codes["p3"])
        assert "Đăng ký thành lập hộ kinh doanh" in row(codes["p3"])

    def test_due_filter(self, functional_app_class, workspace):
        html = self.open(
            functional_app_class, workspace, "motcua", "?scope=all&due=overdue"
        ).contents
        assert codes_in(html) == [workspace["codes"]["p2"]]

    # Order -------------------------------------------------------------------

    def test_priority_first_then_due_date(self, functional_app_class, workspace):
        html = self.open(
            functional_app_class, workspace, "quanly", "?scope=all"
        ).contents
        codes = workspace["codes"]
        listed = codes_in(html)
        assert len(listed) == len(codes)
        # The priority dossiers lead: p2 (with a due date) then i2 (none yet).
        assert listed[:2] == [codes["p2"], codes["i2"]]
        # Then by due date: the returned one (30 days ago), p1 today, p3 next.
        rest = listed[2:]
        assert rest.index(codes["ret"]) < rest.index(codes["p1"])
        assert rest.index(codes["p1"]) < rest.index(codes["p3"])
        assert rest.index(codes["p3"]) < rest.index(codes["a1"])
        # Dossiers without a due date come last (intake, refused at intake).
        assert set(rest[-2:]) == {codes["i1"], codes["rej"]}

    # Filters and search ----------------------------------------------------

    @pytest.mark.parametrize(
        "query,expected",
        [
            ("field=kinh-te", ["p3"]),
            ("procedure=2.000001", ["p3"]),
            ("state=approval", ["a1"]),
            ("state=supplement", ["s1"]),
            ("channel=postal", ["p3"]),
            ("channel=direct", ["p2", "i2"]),
            ("from=2025-03-01&to=2025-03-31", ["p3"]),  # ISO: old links
            ("from=01%2F03%2F2025&to=31%2F03%2F2025", ["p3"]),  # dd/mm/yyyy
            ("to=2025-03-31", ["p3"]),
            ("field=tu-phap-ho-tich&state=processing", ["p2", "p1"]),
        ],
    )
    def test_filters(self, functional_app_class, workspace, query, expected):
        html = self.open(
            functional_app_class, workspace, "quanly", f"?scope=all&{query}"
        ).contents
        assert codes_in(html) == [workspace["codes"][n] for n in expected]
        assert count_in(html) == len(expected)

    def test_filters_kept_in_form(self, functional_app_class, workspace):
        html = self.open(
            functional_app_class,
            workspace,
            "quanly",
            "?scope=all&field=kinh-te&state=processing&from=2025-03-01&q=Giang",
        ).contents
        assert '<option value="kinh-te" selected="selected">' in html
        assert '<option value="processing" selected="selected">' in html
        assert 'value="01/03/2025"' in html  # shown dd/mm/yyyy
        assert re.search(r'<input[^>]*name="q"[^>]*value="Giang"', html)
        # The GET form carries no CSRF token into bookmarkable URLs.
        form = html.split('id="dossier-filters"', 1)[1].split("</form>", 1)[0]
        assert re.search(r'name="_authenticator"[^>]*value="[0-9a-f]+"', form) is None

    def test_invalid_filters_ignored(self, functional_app_class, workspace):
        html = self.open(
            functional_app_class,
            workspace,
            "quanly",
            "?scope=all&state=nonsense&from=31-12-2025&due=tomorrow&b_start=abc",
        ).contents
        assert count_in(html) == len(workspace["codes"])
        # The day that could not be read is shown, with why, to be corrected.
        assert 'value="31-12-2025"' in html
        assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy" in html

    def test_day_filter_typed_dd_mm_yyyy(self, functional_app_class, workspace):
        """As an official types it in the form, whatever the browser's locale;
        12/25/2025 (mm/dd) is refused with the Vietnamese message."""
        browser = browser_for(functional_app_class, "quanly")
        browser.addHeader("Accept-Language", "en-US,en;q=0.9")
        browser.open(workspace["url"] + "?scope=all")
        [day] = lxml.html.fromstring(browser.contents).cssselect("#dossier-from")
        assert day.get("type") == "text"
        assert day.get("placeholder") == "dd/mm/yyyy"
        assert day.get("inputmode") == "numeric"
        assert day.get("aria-describedby") == "dossier-from-hint"
        assert 'id="dossier-from-hint"' in browser.contents
        browser.getControl(name="from").value = "01/03/2025"
        browser.getControl(name="to").value = "31/03/2025"
        browser.getForm(id="dossier-filters").submit()
        assert codes_in(browser.contents) == [workspace["codes"]["p3"]]
        assert browser.getControl(name="from").value == "01/03/2025"
        browser.getControl(name="to").value = "12/25/2025"
        browser.getForm(id="dossier-filters").submit()
        assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy" in browser.contents
        assert 'aria-invalid="true"' in browser.contents

    @pytest.mark.parametrize(
        "q,expected",
        [
            ("0987 654 321", "p3"),  # phone typed with spaces
            ("0987654321", "p3"),
            ("+84 987 654 321", "p3"),
            ("001090000005", "p3"),  # CCCD
            ("Vũ Thị Giang", "p3"),
            ("vu thi giang", "p3"),  # without accents
            ("Cường", "i2"),
        ],
    )
    def test_search(self, functional_app_class, workspace, q, expected):
        browser = browser_for(functional_app_class, "quanly")
        browser.open(workspace["url"] + "?scope=all")
        browser.getControl(name="q").value = q
        browser.getForm(id="dossier-filters").submit()
        assert codes_in(browser.contents) == [workspace["codes"][expected]]

    def test_search_by_code(self, functional_app_class, workspace):
        code = workspace["codes"]["a1"]
        for text in (code, code.split("-", 1)[1], code.lower()):
            browser = browser_for(functional_app_class, "quanly")
            browser.open(workspace["url"] + "?scope=all")
            browser.getControl(name="q").value = text
            browser.getForm(id="dossier-filters").submit()
            assert codes_in(browser.contents) == [code], text

    @pytest.mark.parametrize(
        "q", ['"', "and or not", "*", "(", ")", "NOT", "a AND (b", "\\", "'%"]
    )
    def test_search_is_safe(self, functional_app_class, workspace, q):
        browser = browser_for(functional_app_class, "quanly")
        browser.open(workspace["url"] + "?scope=all&q=" + quote(q))
        assert browser.headers["status"].startswith("200")
        assert "Bàn làm việc" in browser.contents

    def test_search_parse_error_caught(self, functional_app_class, workspace):
        from Products.ZCTextIndex.ParseTree import ParseError

        with mock.patch(
            "luanthanh.policy.dossiers.search.text_query", side_effect=ParseError("bad")
        ):
            browser = browser_for(functional_app_class, "quanly")
            browser.open(workspace["url"] + "?scope=all&q=abc")
        assert browser.headers["status"].startswith("200")
        assert "Không hiểu nội dung tìm kiếm" in browser.contents
        assert count_in(browser.contents) == 0

    # Batching ----------------------------------------------------------------

    def test_batching(self, functional_app_class, workspace):
        with mock.patch.object(workspace_module.DashboardView, "page_size", 3):
            first = self.open(
                functional_app_class, workspace, "quanly", "?scope=all&channel=online"
            )
            html = first.contents
            page1 = codes_in(html)
            assert len(page1) == 3
            assert count_in(html) == 7
            # The navigation keeps the filters.
            links = re.findall(r'href="([^"]*b_start[^"]*)"', html)
            assert links
            assert all("channel=online" in link for link in links)
            assert all("scope=all" in link for link in links)
            second = self.open(
                functional_app_class,
                workspace,
                "quanly",
                "?scope=all&channel=online&b_start:int=3",
            )
            page2 = codes_in(second.contents)
            third = self.open(
                functional_app_class,
                workspace,
                "quanly",
                "?scope=all&channel=online&b_start:int=6",
            )
            page3 = codes_in(third.contents)
        assert len(page2) == 3
        assert len(page3) == 1
        assert len(set(page1 + page2 + page3)) == 7


class TestNeverWakesObjects:
    """The listing reads catalog metadata only: no getObject, no dossier loaded."""

    def test_dashboard_reads_only_metadata(self, functional_portal, fresh):
        from luanthanh.policy.content.dossier import Dossier
        from plone.testing.zope import Browser
        from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

        app = functional_portal.aq_parent
        loaded = []
        original = Dossier.__setstate__

        def spy(self, state):
            loaded.append(state.get("code") if isinstance(state, dict) else state)
            return original(self, state)

        functional_portal._p_jar.db().cacheMinimize()
        with (
            mock.patch.object(
                AbstractCatalogBrain,
                "getObject",
                side_effect=AssertionError("getObject in a listing"),
            ) as get_object,
            mock.patch.object(
                AbstractCatalogBrain,
                "_unrestrictedGetObject",
                side_effect=AssertionError("getObject in a listing"),
            ),
            mock.patch.object(Dossier, "__setstate__", spy),
        ):
            for query in (
                "",
                "?scope=all",
                "?scope=all&q=Giang",
                "?scope=all&due=overdue",
            ):
                functional_portal._p_jar.db().cacheMinimize()
                browser = Browser(app)
                browser.handleErrors = False
                browser.addHeader("Authorization", "Basic quanly:Matkhau-1234!")
                browser.open(f"{functional_portal.absolute_url()}/ho-so{query}")
                assert "dossier-table" in browser.contents
        assert get_object.call_count == 0
        assert loaded == []
