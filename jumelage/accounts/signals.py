from django.dispatch import Signal

credentials_changed = Signal()
