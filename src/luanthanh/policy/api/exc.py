"""The errors of the domain API (see :mod:`luanthanh.policy.errors`)."""

from luanthanh.policy.errors import CommentRequired
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.errors import NotFound
from luanthanh.policy.errors import Throttled
from luanthanh.policy.errors import TooLarge
from luanthanh.policy.errors import TransitionRefused
from luanthanh.policy.errors import UnknownTransition
from luanthanh.policy.errors import UploadRefused
from luanthanh.policy.errors import WorkflowRefused


__all__ = [
    "CommentRequired",
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "LuanThanhError",
    "NotFound",
    "Throttled",
    "TooLarge",
    "TransitionRefused",
    "UnknownTransition",
    "UploadRefused",
    "WorkflowRefused",
]
