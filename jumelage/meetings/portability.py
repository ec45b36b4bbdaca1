"""Video meetings are left out of project archives (see register)."""


def register(registry) -> None:
    registry.exclude_model(
        "meetings.MeetingRoom",
        "A live video room (its link and who is in it now): teachers open a new one.",
    )
