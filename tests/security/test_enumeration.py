"""Enumeration of dossiers through the status lookup.

* A scripted run of 10,000 guesses hits the throttle: in-process through the
  service's own code path (throttle, then lookup), and a sample over HTTP.
* Wrong and unknown pairs get the same answer: status, body and headers (all
  but the date), over REST and on the page.
* No answer contains personal data.
"""

from luanthanh.policy.dossiers import lookup
from luanthanh.policy.errors import Throttled
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_site
from luanthanh.policy.throttle import limiter

import pytest
import re
import time


GUESSES = 10_000
HTTP_SAMPLE = 300
VOLATILE = {"date", "x-timing", "server-timing", "set-cookie"}


def guess(i: int) -> tuple[str, str]:
    """The i-th guess: a plausible code of the day and a phone number."""
    return f"000.00.99.H56-261129-{i % 10000:04d}", f"09{i:08d}"


class TestEnumeration:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "processing")
        dossier = dossiers["processing"]
        return {"portal": portal, "url": portal.absolute_url(), "code": dossier.code}

    @pytest.fixture(autouse=True)
    def _fresh(self):
        limiter.reset()
        yield
        limiter.reset()

    def test_ten_thousand_guesses_in_process(self, site):
        """The service's path: throttle first, then the lookup; 10,000 guesses
        from one address get 10 answers, then only refusals."""
        request = site["portal"].REQUEST
        request.environ["REMOTE_ADDR"] = "203.0.113.7"
        request._client_addr = "203.0.113.7"
        answered = refused = found = 0
        started = time.perf_counter()
        for i in range(GUESSES):
            code, phone = guess(i)
            try:
                lookup.throttle(request)
            except Throttled as error:
                assert error.status == 429
                refused += 1
                continue
            answered += 1
            if lookup.find_dossier(code, phone=phone) is not None:
                found += 1
        elapsed = time.perf_counter() - started
        print(f"\n{GUESSES} guesses in process: {elapsed:.2f} s")
        assert answered == 10
        assert refused == GUESSES - 10
        assert found == 0

    def test_http_sample_hits_the_throttle(self, site):
        anonymous = session_for(None)
        statuses = []
        started = time.perf_counter()
        for i in range(HTTP_SAMPLE):
            code, phone = guess(i)
            response = anonymous.post(
                f"{site['url']}/++api++/@dossier-lookup",
                json={"code": code, "phone": phone},
            )
            statuses.append(response.status_code)
            assert leaks(response.text) == []
        elapsed = time.perf_counter() - started
        print(
            f"\n{HTTP_SAMPLE} guesses over HTTP: {elapsed:.2f} s "
            f"({1000 * elapsed / HTTP_SAMPLE:.1f} ms each)"
        )
        assert statuses[:10] == [404] * 10
        assert set(statuses[10:]) == {429}
        # Even the right pair is refused once the address is throttled.
        right = anonymous.post(
            f"{site['url']}/++api++/@dossier-lookup",
            json={"code": site["code"], "phone": "0987654321"},
        )
        assert right.status_code == 429

    def _same(self, a, b):
        assert a.status_code == b.status_code
        assert a.content == b.content
        ha = {k.lower(): v for k, v in a.headers.items() if k.lower() not in VOLATILE}
        hb = {k.lower(): v for k, v in b.headers.items() if k.lower() not in VOLATILE}
        assert ha == hb

    def test_wrong_and_unknown_look_the_same_over_rest(self, site):
        anonymous = session_for(None)
        url = f"{site['url']}/++api++/@dossier-lookup"
        known, unknown = site["code"], guess(4242)[0]
        answers = [
            anonymous.post(url, json={"code": known, "phone": "0900000000"}),
            anonymous.post(url, json={"code": unknown, "phone": "0900000000"}),
            anonymous.post(url, json={"code": known, "id_number": "001199000000"}),
            anonymous.post(url, json={"code": unknown, "id_number": "001199000000"}),
            anonymous.post(url, json={"code": known.lower(), "phone": "0911111111"}),
        ]
        for answer in answers[1:]:
            self._same(answers[0], answer)
        assert answers[0].status_code == 404
        assert all(leaks(a.text) == [] for a in answers)

    def test_wrong_and_unknown_look_the_same_on_the_page(self, site):
        anonymous = session_for(None)
        url = f"{site['url']}/@@tra-cuu-ho-so"
        known, unknown = site["code"], guess(4243)[0]
        pages = []
        for code in (known, unknown):
            response = anonymous.post(
                url, data={"code": code, "phone": "0900000000", "action": "find"}
            )
            # The page repeats the code typed in; everything else must match.
            text = response.text.replace(code, "CODE")
            text = re.sub(r'name="_authenticator" value="[^"]*"', "", text)
            pages.append((response.status_code, text))
            assert leaks(response.text) == []
        assert pages[0] == pages[1]
