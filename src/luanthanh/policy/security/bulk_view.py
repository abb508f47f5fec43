"""``@@nhat-ky-tra-cuu``: the site-wide log of bulk reads (searches, the
dashboard, the tracking book, exports), for the administrator (permission
"luanthanh.policy: View audit log": Manager, Site Administrator)."""

from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.security.bulk import bulk_log
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import time


DAY = 86_400
DEFAULT_DAYS = 31
MAX_DAYS = 3660


class BulkReadLogView(BrowserView):
    index = ViewPageTemplateFile("templates/bulk_log.pt")
    limit = 1000

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self._names = {}
        return self.index()

    def days(self) -> int:
        try:
            days = int(self.request.form.get("days", DEFAULT_DAYS))
        except (TypeError, ValueError):
            return DEFAULT_DAYS
        return max(1, min(days, MAX_DAYS))

    def fullname(self, userid: str) -> str:
        if userid not in self._names:
            self._names[userid] = fullname(userid) or userid
        return self._names[userid]

    def entries(self) -> list[dict]:
        log = bulk_log(self.context)
        if log is None:
            return []
        since = time.time() - self.days() * DAY
        return [
            {
                "time": format_datetime(e["time"]),
                "user": self.fullname(e["userid"]),
                "userid": e["userid"],
                "what": e["what"],
                "count": e["count"],
                "query": "; ".join(f"{k}={v}" for k, v in e["query"]),
                "address": e["address"],
            }
            for e in log.items(since=since, limit=self.limit)
        ]
