"""Prize entries are left out of project archives (see register)."""


def register(registry) -> None:
    registry.exclude_model(
        "prizes.Entry",
        "An entry in this instance's competition, judged by its jury: it does not travel "
        "with the project to another instance.",
    )
