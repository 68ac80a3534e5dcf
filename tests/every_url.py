"""Every URL in the URLconf, with sample objects to fill in its arguments.

The permission matrix (tests/test_permissions.py) and the HTML check
(tests/test_html.py) both visit every page, so both build their URLs here:
the same walk over the URLconf, the same sample project and the same value
for each route argument.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from checkins.models import CheckIn
from decisions import services as decisions_services
from lake import services as lake_services
from marks.models import Action, Mark, Note
from meetings import services as meeting_services
from meetings.models import SupportContact
from payments import services as payment_services
from payments.models import ClaimLine, Handler
from projects.completing.services import stop_token
from projects.models import Invitation, Membership
from projects.rules.services import ground_rule_add
from projects.setting_aside import services as setting_aside
from projects.setting_aside.kinds import KINDS
from words import services as words_services

# A sample value for every argument a route takes, read from the ``world`` fixture.
# A later app adds its own (e.g. "mark_id": lambda w: <a mark of w["project"]>.pk).
SAMPLES = {
    "project_id": lambda w: w["project"].pk,
    "membership_id": lambda w: w["co_membership"].pk,
    "invitation_id": lambda w: w["invitation"].pk,
    "rule_id": lambda w: w["rule"].pk,
    "token": lambda w: w["invitation"].token,
    "stage": lambda w: w["mark"].stage,
    "mark_id": lambda w: w["mark"].pk,
    "note_id": lambda w: w["note"].pk,
    "postit_id": lambda w: w["postit"].pk,
    "action_id": lambda w: w["action"].pk,
    "checkin_id": lambda w: w["checkin"].pk,
    "proposal_id": lambda w: w["proposal"].pk,
    "decision_id": lambda w: w["decision"].pk,
    # A meeting with its time set, so every page of it has something to show.
    "meeting_id": lambda w: w["meeting"].pk,
    "contact_id": lambda w: w["support_contact"].pk,
    # An item of the sample meeting's agenda, suggested by the co-producer.
    "agenda_item_id": lambda w: w["agenda_item"].pk,
    "term_id": lambda w: w["term"].pk,
    # The co-producer's sent claim, and its expense line with a receipt.
    "claim_id": lambda w: w["claim"].pk,
    "line_id": lambda w: w["line"].pk,
    "avoid_id": lambda w: w["avoid"].pk,
    # Words to ask a look at or set aside: the sample post-it.
    "kind": lambda w: "postit",
    "item_id": lambda w: w["postit"].pk,
    # The co-producer's other post-it, which the facilitator set aside.
    "aside_id": lambda w: w["aside"].pk,
    "look_id": lambda w: w["look"].pk,
    # The co-producer's own certificate.
    "user_id": lambda w: w["co_membership"].user_id,
    # The signed stop link from an update email, for the co-producer's membership.
    "signed": lambda w: stop_token(w["co_membership"]),
    "round_id": lambda w: w["mark"].rounds.get_or_create(status="open")[0].pk,
    # allauth's routes, which only the CSRF check requests.
    "key": lambda w: "sample-key",
    "uidb36": lambda w: "1",
}


def walk(patterns, prefix: str = "", namespace: str | None = None):
    """Yield (full name, route) for every pattern, following includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern), pattern


def all_urls() -> list[tuple[str | None, str, URLPattern]]:
    return list(walk(get_resolver().url_patterns))


URLS = all_urls()


# Arguments that make a route belong to one project.
PROJECT_ARGUMENTS = {
    "project_id",
    "membership_id",
    "invitation_id",
    "rule_id",
    "token",
    "stage",
    "mark_id",
    "note_id",
    "postit_id",
    "round_id",
    "action_id",
    "checkin_id",
    "proposal_id",
    "decision_id",
    "meeting_id",
    "contact_id",
    "agenda_item_id",
    "claim_id",
    "line_id",
    "term_id",
    "avoid_id",
    "kind",
    "item_id",
    "aside_id",
    "look_id",
}


def arguments(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex)


def build_world(*, project, facilitator, co_producer, outsider) -> dict:
    """A real project with a rule and a working invitation link, and a client per role."""
    rule = ground_rule_add(project=project, author=co_producer, text="We listen to each other.")
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    clients = {"anonymous": Client()}
    for role, user in [
        ("outsider", outsider),
        ("co_producer", co_producer),
        ("facilitator", facilitator),
    ]:
        clients[role] = Client()
        clients[role].force_login(user)
    mark = Mark.objects.filter(project=project, hidden=False).order_by("stage", "position").first()
    if mark is None:
        mark = Mark.objects.create(
            project=project, stage="process", title="Listening", explanation="", position=1
        )
    note = Note.objects.create(mark=mark, kind="ladder", text="We take turns.", author=co_producer)
    postit = lake_services.postit_add(
        project=project,
        author=co_producer,
        text="Meet near the buses.",
        place="planning",
        colour="yellow",
    )
    action = Action.objects.create(project=project, mark=mark, text="Pay fares on the day.")
    checkin = CheckIn.objects.create(project=project, started_by=facilitator)
    proposal = decisions_services.proposal_add(
        project=project,
        author=co_producer,
        title="Meet on Thursdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    decision = decisions_services.decision_add(
        project=project,
        actor=facilitator,
        text="The council moved our room.",
        how="outside",
        made_by="The council",
        say="told",
        decided_on=proposal.created_at.date(),
    )
    soon = timezone.now() + timedelta(days=7)
    meeting = meeting_services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Planning the open day",
        times=[
            (soon, soon + timedelta(hours=1)),
            (soon + timedelta(days=1), soon + timedelta(days=1, hours=1)),
        ],
    )
    meeting_services.meeting_set_place(
        meeting=meeting,
        actor=facilitator,
        in_person=True,
        online=True,
        address="Town hall",
        link="https://meet.example.org/open-day",
        step_free="yes",
    )
    meeting = meeting_services.meeting_choose(
        meeting=meeting, option=meeting.options.first(), actor=facilitator
    )
    support_contact = SupportContact.objects.create(
        project=project, name="Listening line", reach="0800 123 456"
    )
    agenda_item = meeting_services.agenda_suggest(
        meeting=meeting, member=co_producer, kind="checkin", text="How are you arriving today?"
    )
    term = words_services.term_add(
        project=project, author=co_producer, term="open meeting", meaning="Anyone may come."
    )
    avoid = words_services.avoid_add(
        project=project, author=co_producer, word="patient", instead="person"
    )
    hurtful = lake_services.postit_add(
        project=project,
        author=co_producer,
        text="Nobody listens here.",
        place="water",
        colour="pink",
    )
    aside = setting_aside.set_aside(
        project=project, kind=KINDS["postit"], item=hurtful, actor=facilitator, rule=rule
    )
    look = setting_aside.look_ask(
        project=project, kind=KINDS["postit"], item=postit, asker=co_producer, anonymous=True
    )
    # Payments: the facilitator handles them; the co-producer has sent a claim with a receipt.
    Handler.objects.create(project=project, user=facilitator)
    payment_services.choice_save(
        project=project, user=co_producer, choice="paid", address="", how_to_pay=""
    )
    claim = payment_services.claim_start(project=project, user=co_producer)
    line = payment_services.line_add_expense(
        claim=claim,
        day=timezone.localdate(),
        what_for=ClaimLine.WhatFor.TRAVEL,
        what="Bus fare",
        amount=480,
        receipt=ContentFile(b"%PDF-1.4 sample", name="ticket.pdf"),
        receipt_type="application/pdf",
    )
    claim = payment_services.claim_send(claim=claim, total_seen=480)
    return {
        "claim": claim,
        "line": line,
        "proposal": proposal,
        "decision": decision,
        "meeting": meeting,
        "support_contact": support_contact,
        "agenda_item": agenda_item,
        "term": term,
        "avoid": avoid,
        "aside": aside,
        "look": look,
        "project": project,
        "checkin": checkin,
        "action": action,
        "postit": postit,
        "mark": mark,
        "note": note,
        "rule": rule,
        "invitation": invitation,
        "co_membership": Membership.objects.get(project=project, user=co_producer),
        "clients": clients,
    }


def sample_kwargs(pattern: URLPattern, world) -> dict:
    missing = arguments(pattern) - set(SAMPLES)
    if missing:
        pytest.fail(f"Add a sample value for {sorted(missing)} to SAMPLES in tests/every_url.py")
    return {arg: SAMPLES[arg](world) for arg in arguments(pattern)}


def url_for(name: str, world) -> str:
    pattern = next(p for n, _route, p in URLS if n == name)
    return reverse(name, kwargs=sample_kwargs(pattern, world))
