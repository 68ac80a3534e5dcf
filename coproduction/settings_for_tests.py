"""The settings the test suite runs with: coproduction/settings.py with test settings on.

pyproject.toml names this module for pytest-django. The flag goes into the environment
before the settings are read, so every process a test starts (manage.py, a server) gets
test settings too, unless the test removes it to try production's.
"""

import os

os.environ["COPRODUCTION_TEST_SETTINGS"] = "1"

from coproduction.settings import *  # noqa: E402, F403

# However loaded the machine running the tests is, live pages poll at their usual pace: the
# browser tests wait for live changes, and tests/test_live_updates.py sets a load of its own.
LIVE_POLL_BUSY_LOAD = float("inf")
