"""Test support of luanthanh.policy, for its tests and benchmarks.

``layers``    the plone.app.testing layers (re-exported here);
``fixtures``  the shared pytest fixtures (a pytest plugin, see tests/conftest.py);
``builders``  officials, procedures, dossiers, documents;
``bulk``      thousands of dossiers without events (upgrade tests, benchmarks);
``paths``     the one table of workflow paths and ``dossier_in_state``;
``scenarios`` the data sets several test folders share;
``files``     sample upload bytes;
``exchange``  import and export rows, CSV and XLSX bytes;
``forms``     filling in the online (EasyForm) forms;
``http``      per-role HTTP sessions, test browsers and page readers;
``mails``     reading the messages the site sends.
"""

from luanthanh.policy.testing.layers import FIXTURE
from luanthanh.policy.testing.layers import FUNCTIONAL_TESTING
from luanthanh.policy.testing.layers import INTEGRATION_TESTING
from luanthanh.policy.testing.layers import Layer


__all__ = ["FIXTURE", "FUNCTIONAL_TESTING", "INTEGRATION_TESTING", "Layer"]
