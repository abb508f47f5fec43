"""LuanThanhError → plone.restapi's JSON error body, with the error's HTTP status."""

from luanthanh.policy.errors import LuanThanhError


def error_response(request, error: LuanThanhError) -> dict:
    """Set the response status from ``error`` and return its JSON body."""
    request.response.setStatus(error.status)
    return error.as_json(request)
