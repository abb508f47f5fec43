"""The committed dossiers of tests/statistics, for the endpoint's tests."""

from tests.statistics.conftest import committed  # noqa: F401
from tests.statistics.conftest import fresh_cache  # noqa: F401
