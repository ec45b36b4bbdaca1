"""Msgids of the shipped label criteria (see core.models.localized): makemessages finds
them here, so every language but English and French (the rows' own columns) gets their
names and help from its catalogue."""

from django.utils.translation import pgettext_lazy

MSGIDS = [
    pgettext_lazy("label criterion", "Pedagogical innovation"),
    pgettext_lazy("label criterion", "Pupils learn by doing, with methods new to the schools."),
    pgettext_lazy("label criterion", "Curricular integration"),
    pgettext_lazy("label criterion", "The project serves the subjects taught."),
    pgettext_lazy("label criterion", "Collaboration between partner schools"),
    pgettext_lazy("label criterion", "Pupils work together, not only side by side."),
    pgettext_lazy("label criterion", "Creative use of technology"),
    pgettext_lazy("label criterion", "Tools serve the pupils' work and collaboration."),
    pgettext_lazy("label criterion", "Safe and legal use"),
    pgettext_lazy("label criterion", "GDPR, copyright and e-safety are respected and taught."),
    pgettext_lazy("label criterion", "Results, impact and documentation"),
    pgettext_lazy("label criterion", "The results are shown, shared and documented."),
]
