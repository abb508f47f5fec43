"""The fixtures of tests/lookup: dossiers in every state, mails, the limiter."""

from tests.lookup.conftest import _reset_limiter  # noqa: F401
from tests.lookup.conftest import http_dossiers  # noqa: F401
from tests.lookup.conftest import mails  # noqa: F401
