"""``@@nhat-ky-truy-cap``: the access log of a dossier, for the administrator
(permission "luanthanh.policy: View audit log": Manager, Site Administrator)."""

from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.security.audit import access_log
from luanthanh.policy.security.audit import DOWNLOAD
from luanthanh.policy.security.audit import WRITE
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AccessLogView(BrowserView):
    index = ViewPageTemplateFile("templates/access_log.pt")
    limit = 500

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self._names = {}
        return self.index()

    def total(self) -> int:
        log = access_log(self.context)
        return len(log) if log is not None else 0

    def fullname(self, userid: str) -> str:
        if userid not in self._names:
            self._names[userid] = fullname(userid) or userid
        return self._names[userid]

    def entries(self) -> list[dict]:
        log = access_log(self.context)
        if log is None:
            return []
        return [
            {
                "time": format_datetime(e["time"]),
                "user": self.fullname(e["userid"]),
                "userid": e["userid"],
                "download": e["action"] == DOWNLOAD,
                "write": e["action"] == WRITE,
                "method": e["method"],
                "status": e["status"] or "",
                "target": e["target"],
                "address": e["address"],
            }
            for e in log.items(self.limit)
        ]
