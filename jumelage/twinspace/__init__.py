"""A project's TwinSpace: home, bulletin, settings, moderation, search, navigation."""
