"""Project export and import: a TwinSpace is never lost (issue 20)."""
