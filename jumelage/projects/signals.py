"""Signals other apps listen to, so that projects never import them."""

from django.dispatch import Signal

# Sent once, inside the activation transaction, with `project`; the wiki
# creates one TwinSpace page per step of the project's kit.
project_activated = Signal()
