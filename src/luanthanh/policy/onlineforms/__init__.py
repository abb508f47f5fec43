"""Online forms generated from the procedure catalogue (issue #16)."""

from luanthanh.policy.onlineforms.generate import generate
from luanthanh.policy.onlineforms.generate import generate_missing
from luanthanh.policy.onlineforms.generate import is_generated
from luanthanh.policy.onlineforms.generate import Result
from luanthanh.policy.onlineforms.publication import linked_form
from luanthanh.policy.onlineforms.publication import sync_publication


__all__ = [
    "Result",
    "generate",
    "generate_missing",
    "is_generated",
    "linked_form",
    "sync_publication",
]
