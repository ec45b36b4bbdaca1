"""Moved to jumelage.accounts.pupils; this name stays only while realtime.policies imports it.

Delete this file once realtime/policies.py imports must_set_own_password from
jumelage.accounts.pupils (owned by the `live` branch).
"""

from jumelage.accounts.pupils import must_set_own_password  # noqa: F401
