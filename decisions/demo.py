"""Demo content for decisions: how the group decides, a closed proposal with an objection
answered, an open one, and a decision made outside the group.

Listed in ``sharing.demo.PARTS``.
"""

from datetime import timedelta

from django.utils import timezone

from marks.models import Mark
from projects.models import Project

from . import services
from .models import Decision, Proposal, Way


def extend(project: Project, users: dict) -> None:
    sam, amina, jo = users["Sam"], users["Amina"], users["Jo"]
    how = services.how_we_decide_row(project)
    services.how_we_decide_save(
        how=how,
        actor=sam,
        base_version=0,
        changes={
            "way": "consent",
            "other_way": "",
            "vote_when": "When we have talked about it at two meetings and still can't agree.",
            "open_days": 7,
        },
    )
    for person in (sam, amina, jo):
        services.how_we_decide_agree(how=how, user=person, agree=True)

    mark = Mark.objects.filter(project=project, hidden=False).order_by("stage", "position").first()
    closed = services.proposal_add(
        project=project,
        author=amina,
        title="Meet on Thursday evenings from next month",
        reason="People who work in the day can come, and the room is free.",
        way=Way.CONSENT,
        options=[],
        closes_at=None,
        anonymous=False,
        mark=mark,
    )
    for person, answer, reason in [
        (sam, "agree", ""),
        (amina, "agree", ""),
        (jo, "concerns", "The last bus goes at nine, so we should finish by then."),
    ]:
        services.proposal_respond(proposal=closed, member=person, answer=answer, reason=reason)
    services.proposal_close(proposal=closed, actor=sam)
    Proposal.objects.filter(pk=closed.pk).update(
        created_at=timezone.now() - timedelta(days=12), closed_at=timezone.now() - timedelta(days=5)
    )

    still_open = services.proposal_add(
        project=project,
        author=jo,
        title="Where we hold the celebration",
        reason="We said we would celebrate at the end. Pick the place you like best.",
        way=Way.RANKED,
        options=["The community café", "The library garden", "The football club"],
        closes_at=timezone.now() + timedelta(days=6),
        anonymous=False,
    )
    options = list(still_open.options.all())
    services.proposal_respond(proposal=still_open, member=amina, ranking=options)

    services.decision_add(
        project=project,
        actor=sam,
        text="The drop-in's opening hours are cut to four days a week from April.",
        how=Decision.How.OUTSIDE,
        made_by="The council's adult services board",
        say=Decision.Say.TOLD,
        decided_on=timezone.localdate() - timedelta(days=20),
    )
    services.decision_add(
        project=project,
        actor=amina,
        text="We pay travel on the day, in cash or by bank transfer, as each person prefers.",
        how=Decision.How.MEETING,
        made_by="",
        say=Decision.Say.DECIDED,
        decided_on=timezone.localdate() - timedelta(days=30),
    )
