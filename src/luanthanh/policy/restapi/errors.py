"""Errors of the domain API as plone.restapi JSON errors.

``{"error": {"type": ..., "message": ...}}`` with the status of the error
class (400, 403, 404, 429), the message in the request's language.
"""

from luanthanh.policy.errors import LuanThanhError


def error_response(request, error: LuanThanhError) -> dict:
    """Set the response status of ``error`` and return its JSON body."""
    request.response.setStatus(error.status)
    return error.as_json(request)
