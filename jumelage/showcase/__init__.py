"""The static site of a project's final production (issue 20)."""
