"""The audit trail is left out of project archives (see register)."""


def register(registry) -> None:
    registry.exclude_model(
        "audit.AuditEntry",
        "The trail of decisions made on the source instance stays there, under its retention.",
    )
