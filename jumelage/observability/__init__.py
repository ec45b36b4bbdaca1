"""Metrics, structured logs and error reporting for operators (issue 21)."""
