"""The prize entries a person made and the scores they gave as a juror, in their export."""

from jumelage.core.exports import iso, register_export

from .models import AgeCategory, Competition, Entry, JuryScore


@register_export("prizes", order=68, models=[Entry, JuryScore, Competition, AgeCategory])
def prizes(user) -> dict:
    entries = Entry.objects.filter(entered_by=user).select_related("competition", "project")
    scores = JuryScore.objects.filter(juror=user).select_related("entry__project")
    return {
        "entries": [
            {
                "competition": e.competition.title,
                "project": e.project.title,
                "statement": e.statement,
                "entered_at": iso(e.entered_at),
                "winner": e.winner,
            }
            for e in entries
        ],
        "jury_scores": [{"project": s.entry.project.title, "points": s.points} for s in scores],
    }
