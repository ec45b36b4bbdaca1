"""Outgoing email: templated mail in the recipient's language, through a reliable outbox.

An infrastructure app: it knows no domain app, so every app (core included) may
send mail without importing notifications.
"""
