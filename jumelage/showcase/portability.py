"""The static site is left out of project archives (see register)."""


def register(registry) -> None:
    registry.exclude_model(
        "showcase.Showcase",
        "A build of this instance's static site: the teachers generate it again from the "
        "imported blog and pages (the choice of pages refers to this instance's ids).",
    )
