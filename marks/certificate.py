"""What a member did with the marks, for their certificate of contribution.

Listed in ``sharing.certificates.views.COUNTERS``. Anonymous notes store no author, so
they can't be counted for anyone: that is the point of them. Notes set aside are not counted.
"""

from django.utils.translation import ngettext

from accounts.models import User
from projects.models import Project
from projects.parts import Contribution

from .models import Action, Mark, Note, RoundParticipant, ScoringRound


def marks_counts(*, project: Project, user: User) -> list[Contribution]:
    """Rounds taken part in, marks, notes and actions. 4 queries, however many of each."""
    # Taking part is counted, not giving a number: after an anonymous reveal that says
    # "1 member chose not to score", a count that skipped passes would name that member.
    # A round still open is left out: the group hasn't seen it yet.
    scored = (
        RoundParticipant.objects.filter(round__mark__project=project, member=user)
        .exclude(round__status=ScoringRound.Status.OPEN)
        .count()
    )
    marks = Mark.objects.filter(project=project, created_by=user, library_key="").count()
    # Words set aside for breaking a ground rule are not counted.
    notes = (
        Note.objects.visible().filter(mark__project=project, author=user, deleted_at=None).count()
    )
    actions = Action.objects.filter(project=project, owners=user).count()
    return [
        (
            scored,
            ngettext(
                "Scored a mark with the group %(count)d time",
                "Scored marks with the group %(count)d times",
                scored,
            )
            % {"count": scored},
        ),
        (
            marks,
            ngettext(
                "Added %(count)d mark of the group's own",
                "Added %(count)d marks of the group's own",
                marks,
            )
            % {"count": marks},
        ),
        (
            notes,
            ngettext(
                "Wrote %(count)d note about what a mark means, or its snakes and ladders",
                "Wrote %(count)d notes about what the marks mean, or their snakes and ladders",
                notes,
            )
            % {"count": notes},
        ),
        (
            actions,
            ngettext(
                "Took on %(count)d action in the action plan",
                "Took on %(count)d actions in the action plan",
                actions,
            )
            % {"count": actions},
        ),
    ]
