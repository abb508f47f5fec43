"""The persistent counter behind the daily dossier codes.

Stored in the tracking book's annotations since 1.0; existing databases name
this module, so the class stays here.  The sequences that use it are in
:mod:`luanthanh.policy.dossiers.codes`.
"""

from persistent import Persistent


class DailyCounter(Persistent):
    """The last number handed out on one day."""

    def __init__(self):
        self.value = 0
