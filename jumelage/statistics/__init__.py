"""Statistics for support offices and the platform (issue 21)."""
