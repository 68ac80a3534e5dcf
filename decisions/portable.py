"""Decisions' part of the whole-project file: how the group decides, proposals, the log.

A proposal's responses are in the file only once it has closed, as in the app (an open
one says ``"responses": null``); an anonymous response names nobody, and the keys that stop
a person answering twice stay behind. A proposal or decision links to its mark by the
mark's ref; a post-it or action it was about is written as its words, for a reader, and
not linked again on import. Files from before decisions had an app import without these
keys.
"""

from django.db.models import Prefetch

from lake.models import PostIt
from projects.answers.portable import export_answer, import_answer, save_history
from projects.models import Project, is_set_aside
from projects.on_behalf.portable import export_trace, import_trace
from projects.parts import BadFile, People, Reader, iso, unique_versions

from .models import (
    MADE_BY_LIMIT,
    OPTION_LIMIT,
    REASON_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    Answer,
    Decision,
    DecisionRevision,
    HowWeDecide,
    HowWeDecideRevision,
    Option,
    Proposal,
    ProposalAnswer,
    Rank,
    Response,
    Way,
)

# -- export --------------------------------------------------------------------------


def export(project: Project, people: People) -> dict:
    how = HowWeDecide.objects.filter(project=project).first()
    proposals = (
        Proposal.objects.filter(project=project)
        .select_related("postit", "action")
        .annotate(postit_aside=is_set_aside(PostIt, "postit_id"))
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch("options", Option.objects.order_by("position")),
            Prefetch("answer_revisions", ProposalAnswer.objects.order_by("version")),
            Prefetch(
                "responses",
                # Words set aside are left out: the file holds what the group can see.
                Response.objects.visible().order_by("created_at", "pk").prefetch_related("ranks"),
            ),
        )
    )
    exported_proposals = []
    for i, proposal in enumerate(proposals, start=1):
        ref = f"proposal-{i}"
        people.set_object_ref("proposal", proposal.pk, ref)
        exported_proposals.append(_export_proposal(proposal, ref, people))
    decisions = (
        Decision.objects.filter(project=project)
        .select_related("postit", "action")
        .annotate(postit_aside=is_set_aside(PostIt, "postit_id"))
        .prefetch_related("revisions")
        .order_by("decided_on", "created_at", "pk")
    )
    return {
        "how_we_decide": None
        if how is None
        else {
            "way": how.way,
            "other_way": how.other_way,
            "vote_when": how.vote_when,
            "open_days": how.open_days,
            "version": how.version,
        },
        "proposals": exported_proposals,
        "decision_log": [_export_decision(d, people) for d in decisions],
    }


def _about(item, people: People) -> dict:
    return {
        "mark": people.object_ref("mark", item.mark_id),
        # Words set aside are left out, here too.
        "postit_text": item.postit.text if item.postit and not item.postit_aside else None,
        "action_text": item.action.text if item.action else None,
    }


def _export_proposal(proposal: Proposal, ref: str, people: People) -> dict:
    options = list(proposal.options.all())
    position = {o.pk: o.position for o in options}
    exported = {
        "ref": ref,
        "author": people.ref(proposal.author_id),
        "title": proposal.title,
        "reason": proposal.reason,
        "way": proposal.way,
        "anonymous": proposal.anonymous,
        "options": [o.label for o in options],
        "created_at": iso(proposal.created_at),
        "closes_at": iso(proposal.closes_at),
        "closed_at": iso(proposal.closed_at),
        "closed_by": people.ref(proposal.closed_by_id),
        "outcome": proposal.outcome,
        "reply": proposal.reply,
        "answer": export_answer(proposal, people),
        **_about(proposal, people),
        # Responses stay private while the proposal is open.
        "responses": None,
    }
    if proposal.is_open:
        return exported
    exported["responses"] = [
        {
            "author": people.ref(r.author_id),
            "anonymous": r.is_anonymous,
            **export_trace(r, people),
            "answer": r.answer,
            "option": position.get(r.option_id),
            "ranking": [position[k.option_id] for k in r.ranks.all()],
            "reason": r.reason,
            "created_at": iso(r.created_at),
        }
        for r in proposal.responses.all()
    ]
    return exported


def _export_decision(decision: Decision, people: People) -> dict:
    return {
        "text": decision.text,
        "how": decision.how,
        "made_by": decision.made_by,
        "say": decision.say,
        "decided_on": iso(decision.decided_on),
        "proposal": people.object_ref("proposal", decision.proposal_id),
        "created_by": people.ref(decision.created_by_id),
        "created_at": iso(decision.created_at),
        "version": decision.version,
        **_about(decision, people),
        "history": [
            {
                "version": r.version,
                "text": r.text,
                "made_by": r.made_by,
                "say": r.say,
                "decided_on": iso(r.decided_on),
                "edited_by": people.ref(r.edited_by_id),
                "edited_at": iso(r.edited_at),
            }
            for r in decision.revisions.all()
        ],
    }


# -- import --------------------------------------------------------------------------


def import_(project: Project, data: Reader, people: People) -> None:
    if data.data.get("how_we_decide") is not None:
        how = data.object("how_we_decide")
        way = how.choice("way", HowWeDecide.Way.values, what="way of deciding")
        other = how.text("other_way", limit=TEXT_LIMIT)
        if way == HowWeDecide.Way.OTHER and not other.strip():
            raise BadFile(f"{how.path_of('other_way')}: another way needs its words.")
        HowWeDecide.objects.create(
            project=project,
            way=way,
            other_way=other,
            vote_when=how.text("vote_when", limit=TEXT_LIMIT),
            open_days=how.integer("open_days", low=1, high=90),
            version=how.integer("version"),
        )
        HowWeDecideRevision.objects.create(
            how=HowWeDecide.objects.get(project=project),
            version=max(how.integer("version"), 1),
            way=way,
            other_way=other,
            vote_when=how.text("vote_when"),
            open_days=how.integer("open_days"),
        )
    proposals = {}
    for item in data.objects("proposals") if "proposals" in data.data else []:
        proposals[item.text("ref")] = _import_proposal(project, item, people)
        # Other parts (a meeting's agenda) link to proposals by their ref too.
        people.set_object_ref("proposal", proposals[item.text("ref")].pk, item.text("ref"))
    for item in data.objects("decision_log") if "decision_log" in data.data else []:
        _import_decision(project, item, people, proposals)


def _import_proposal(project: Project, item: Reader, people: People) -> Proposal:
    way = item.choice("way", Way.values, what="way of responding")
    closed_at = item.when("closed_at", null=True)
    answer, answers = import_answer(item, people)
    proposal = Proposal.objects.create(
        project=project,
        author=people.user(item, "author"),
        title=item.text("title", blank=False, limit=TITLE_LIMIT),
        reason=item.text("reason", limit=TEXT_LIMIT),
        way=way,
        anonymous=item.boolean("anonymous"),
        created_at=item.when("created_at"),
        closes_at=item.when("closes_at", null=True),
        closed_at=closed_at,
        closed_by=people.user(item, "closed_by"),
        outcome=item.text("outcome", limit=TEXT_LIMIT * 2),
        reply=item.text("reply", limit=TEXT_LIMIT),
        mark=people.object(item, "mark", "mark"),
        **answer,
    )
    save_history(ProposalAnswer, "proposal", proposal, answers)
    labels = item.array("options")
    options = []
    for i, label in enumerate(labels, start=1):
        if not isinstance(label, str) or not label.strip() or len(label) > OPTION_LIMIT:
            raise BadFile(f"{item.path_of('options')}[{i - 1}] should be an option's words.")
        options.append(Option.objects.create(proposal=proposal, label=label, position=i))
    if way != Way.CONSENT and len(options) < 2:
        raise BadFile(f"{item.path_of('options')}: a choice needs at least two options.")
    if closed_at is None:
        if item.data.get("responses") is not None:
            raise BadFile(
                f"{item.path_of('responses')}: an open proposal's responses are private and "
                "can't be in the file."
            )
        return proposal
    by_position = {o.position: o for o in options}
    authors = set()
    for entry in item.objects("responses"):
        anonymous = entry.boolean("anonymous")
        author = people.user(entry, "author")
        if anonymous and author is not None:
            raise BadFile(f"{entry.path_of('author')}: an anonymous response can't have an author.")
        if author is not None:
            if author.pk in authors:
                raise BadFile(f"{entry.path_of('author')}: this person responded twice.")
            authors.add(author.pk)
        answer = entry.text("answer")
        if answer and answer not in Answer.values:
            raise BadFile(f'{entry.path_of("answer")}: "{answer}" is not a response.')
        option = entry.integer("option", null=True, low=1)
        response = Response.objects.create(
            proposal=proposal,
            author=author,
            is_anonymous=anonymous,
            answer=answer,
            option=by_position.get(option),
            reason=entry.text("reason", limit=REASON_LIMIT),
            created_at=entry.when("created_at"),
            **import_trace(entry, people, anonymous=anonymous),
        )
        for place, pos in enumerate(entry.array("ranking"), start=1):
            if pos not in by_position:
                raise BadFile(f"{entry.path_of('ranking')}: {pos} is not one of the options.")
            Rank.objects.create(response=response, option=by_position[pos], rank=place)
    return proposal


def _import_decision(project: Project, item: Reader, people: People, proposals: dict) -> None:
    history = [
        (entry, {"version": entry.integer("version", low=1)}) for entry in item.objects("history")
    ]
    unique_versions(history, "this decision's history")
    proposal_ref = item.text("proposal", null=True)
    if proposal_ref is not None and proposal_ref not in proposals:
        raise BadFile(f'{item.path_of("proposal")}: there is no proposal "{proposal_ref}".')
    decision = Decision.objects.create(
        project=project,
        text=item.text("text", blank=False, limit=TEXT_LIMIT * 2),
        how=item.choice("how", Decision.How.values, what="way a decision was made"),
        made_by=item.text("made_by", limit=MADE_BY_LIMIT),
        say=item.choice("say", Decision.Say.values, what="say the group had"),
        decided_on=item.day("decided_on"),
        proposal=proposals.get(proposal_ref),
        created_by=people.user(item, "created_by"),
        created_at=item.when("created_at"),
        mark=people.object(item, "mark", "mark"),
        version=item.integer("version", low=1),
    )
    DecisionRevision.objects.bulk_create(
        DecisionRevision(
            decision=decision,
            version=fields["version"],
            text=entry.text("text", blank=False),
            made_by=entry.text("made_by", limit=MADE_BY_LIMIT),
            say=entry.choice("say", Decision.Say.values, what="say the group had"),
            decided_on=entry.day("decided_on"),
            edited_by=people.user(entry, "edited_by"),
            edited_at=entry.when("edited_at"),
        )
        for entry, fields in history
    )
