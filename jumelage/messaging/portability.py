"""Twinmail stays private: only the project's messaging rule travels in an archive."""

from .models import ProjectPolicy


def export(ctx) -> dict | None:
    policy = ProjectPolicy.objects.filter(project=ctx.project).first()
    return (
        None if policy is None else {"pupils_may_message_pupils": policy.pupils_may_message_pupils}
    )


def import_(ctx, data: dict | None) -> None:
    if data is not None:
        ProjectPolicy.objects.create(
            project=ctx.project, pupils_may_message_pupils=data["pupils_may_message_pupils"]
        )


def register(registry) -> None:
    registry.register_part(
        "messaging_policy",
        export=export,
        import_=import_,
        order=80,
        models=["messaging.ProjectPolicy"],
    )
    registry.exclude_model(
        "messaging.Thread",
        "Twinmail is private correspondence between people: never in a project archive.",
    )
