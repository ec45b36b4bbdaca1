"""A project's TwinSpace: home, bulletin, settings, moderation, search, navigation.

Other TwinSpace apps plug into it from their AppConfig.ready() with
`register_space_search` (and `register_space_activity`), see registry.py.
"""

from .registry import register_space_activity, register_space_search

__all__ = ["register_space_activity", "register_space_search"]
