"""How long the platform keeps what it keeps; a daily task enforces it (issues 20, 21)."""
