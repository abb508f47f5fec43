"""Where the daily code counters were defined before 1.1 (issue #13).

Counters stored in existing databases name this module; the class now lives
in :mod:`luanthanh.policy.dossiers.codes`.  This module only keeps that
dotted name importable.
"""

from luanthanh.policy.dossiers.codes import DailyCounter


__all__ = ["DailyCounter"]
