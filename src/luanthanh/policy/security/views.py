"""``@@nhat-ky-truy-cap``: the access log of a dossier, for officials who may
read it (permission "luanthanh.policy: View audit log")."""

from luanthanh.policy.browser.workspace.labels import DossierLabels
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.security.audit import access_log
from luanthanh.policy.security.audit import DOWNLOAD
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AccessLogView(BrowserView):
    index = ViewPageTemplateFile("templates/access_log.pt")
    limit = 500

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.labels = DossierLabels(self.request)
        return self.index()

    def total(self) -> int:
        log = access_log(self.context)
        return len(log) if log is not None else 0

    def entries(self) -> list[dict]:
        log = access_log(self.context)
        if log is None:
            return []
        return [
            {
                "time": format_datetime(e["time"]),
                "user": self.labels.fullname(e["userid"]) or e["userid"],
                "userid": e["userid"],
                "download": e["action"] == DOWNLOAD,
                "target": e["target"],
                "address": e["address"],
            }
            for e in log.items(self.limit)
        ]
