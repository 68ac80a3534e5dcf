"""What decisions hold about one person, and how they let go of someone deleting their account.

Anonymous responses store no author, so they are not the person's data and stay; the keys
that stop anyone answering an anonymous proposal twice can't be linked to the person
without the site's secret, and go with the person's named data when they ask.
"""

from accounts.models import User
from projects.parts import Blocker

from .models import Decision, DecisionRevision, HowWeDecideAgreement, Proposal, Response


def personal_data(user: User) -> dict:
    """The person's proposals, named responses and agreements: three queries."""
    proposals = Proposal.objects.filter(author=user).select_related("project")
    responses = Response.objects.filter(author=user).select_related("proposal__project", "option")
    agreed = HowWeDecideAgreement.objects.filter(user=user).select_related("how__project")
    return {
        "proposals": [
            {"project": p.project.name, "title": p.title, "reason": p.reason} for p in proposals
        ],
        "proposal_responses": [
            {
                "project": r.proposal.project.name,
                "proposal": r.proposal.title,
                "answer": r.answer or (r.option.label if r.option else ""),
                "reason": r.reason,
            }
            for r in responses
        ],
        "how_we_decide_agreements": [
            {"project": a.how.project.name, "version": a.version} for a in agreed
        ],
    }


def blockers(user: User) -> list[Blocker]:
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, delete the person's named responses; proposals and the log stay (as
    the group's record), without their name."""
    if remove:
        Response.objects.filter(author=user).delete()
    HowWeDecideAgreement.objects.filter(user=user).delete()
    Proposal.objects.filter(author=user).update(author=None)
    Proposal.objects.filter(closed_by=user).update(closed_by=None)
    Decision.objects.filter(created_by=user).update(created_by=None)
    DecisionRevision.objects.filter(edited_by=user).update(edited_by=None)
