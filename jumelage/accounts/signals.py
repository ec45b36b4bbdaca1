"""Signals other apps listen to (e.g. to close a user's open WebSockets)."""

import django.dispatch

# Sent after commit whenever a user's password is changed or reset, or the account
# is deleted. Argument: ``user``. Anything holding a session-like right (sockets,
# caches) must drop it: the old credentials no longer prove who the person is.
credentials_changed = django.dispatch.Signal()


def send_credentials_changed(user) -> None:
    """Send ``credentials_changed`` once the current transaction commits."""
    from django.db import transaction

    transaction.on_commit(lambda: credentials_changed.send(sender=type(user), user=user))


# Sent inside delete_account's transaction, before the row is anonymised.
# Argument: ``user``. Apps that tie the person to something (a school membership)
# remove the tie; accounts itself knows none of them.
account_deleting = django.dispatch.Signal()
