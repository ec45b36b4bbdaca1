"""Instance backup and restore, tested end to end (issue 20)."""
