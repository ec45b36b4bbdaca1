"""The one error a service raises when it refuses: it carries a message for the user.

The service contract (README, "How the code is organised"): views resolve access
once (projects.access.project_view) and refuse with a 404; services check the
state of things (is the project still active, is the topic locked, is the place
already taken) and raise `Refused` with a sentence the view shows as it is.
Subclasses add what the view needs to answer well (e.g. the fresh page of a
wiki edit conflict).
"""


class Refused(Exception):
    """A service said no; `message` is translated and ready to show."""

    def __init__(self, message=""):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
