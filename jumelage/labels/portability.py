"""Labels are left out of project archives (see register)."""

REASON = (
    "A decision of this instance's support offices or committee, audited here: another "
    "instance's offices have not assessed the project, so the label does not travel with it."
)


def register(registry) -> None:
    for model in ("labels.Application", "labels.Nomination", "labels.EuropeanDecision"):
        registry.exclude_model(model, REASON)
