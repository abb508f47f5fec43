"""The citizen's one rating of a returned dossier (mức độ hài lòng)."""

from datetime import datetime
from luanthanh.policy.config import now
from luanthanh.policy.dossiers.lookup import state_of
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import RATING_LEVELS


MAX_COMMENT_LENGTH = 1000
RATING_TOKENS = tuple(token for token, _title in RATING_LEVELS)


def rate(dossier, rating, comment=None, when: datetime | None = None) -> None:
    """Store the citizen's one rating of a returned dossier.

    :class:`Conflict` (409) before ``returned`` and for a second rating;
    :class:`InvalidInput` (400) for an unknown rating or a comment over
    :data:`MAX_COMMENT_LENGTH` characters.  ``when`` (default: now) is the
    time of the rating, for ratings brought in from the past.
    """
    state, _title = state_of(dossier)
    if state != "returned":
        raise Conflict(
            _(
                "rating_not_returned",
                default="Chỉ đánh giá được sau khi hồ sơ đã trả kết quả.",
            )
        )
    if dossier.rating:
        raise Conflict(
            _(
                "rating_already",
                default="Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá "
                "một lần.",
            )
        )
    if rating not in RATING_TOKENS:
        raise InvalidInput(
            _("rating_invalid", default="Vui lòng chọn một mức độ hài lòng.")
        )
    comment = comment.strip() if isinstance(comment, str) else ""
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInput(
            _(
                "rating_comment_too_long",
                default="Góp ý không được dài quá ${count} ký tự.",
                mapping={"count": MAX_COMMENT_LENGTH},
            )
        )
    dossier.rating = rating
    dossier.rating_comment = comment or None
    dossier.rated_at = when if when is not None else now()
    dossier.reindexObject(idxs=["rating"])
