"""Proposals, their responses kept private until they close, closing, and the decision log.

While a proposal is open nobody sees anyone else's response, not in the page, the poll,
the export or the report: tests strip the markup and look for the words. Once closed, the
outcome is written in plain words, with the counts and reasons, and logged.
"""

import json
import re
import threading
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from decisions import services
from decisions.models import (
    AnonymousKey,
    Decision,
    HowWeDecide,
    HowWeDecideAgreement,
    Proposal,
    Response,
    Way,
)

from .factories import add_member, make_project, make_user
from .pages import count_queries

SECRET_REASON = "Thursdays clash with my shift"


def text_of(html: str) -> str:
    """What a person reads: the page without its tags and attributes."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def proposal_url(name: str, proposal: Proposal, **kwargs) -> str:
    return reverse(name, args=[proposal.project_id, proposal.pk], **kwargs)


def propose(project, author, **fields) -> Proposal:
    defaults = {
        "title": "Meet on Thursday evenings",
        "reason": "More people can come after work.",
        "way": Way.CONSENT,
        "options": [],
        "closes_at": None,
        "anonymous": False,
    }
    return services.proposal_add(project=project, author=author, **{**defaults, **fields})


@pytest.fixture
def proposal(project, co_producer):
    return propose(project, co_producer)


def member(project, name):
    user = make_user(name)
    add_member(project, user)
    client = Client()
    client.force_login(user)
    return user, client


def all_urls(project, proposal, decision):
    return [
        (reverse("proposals:proposals", args=[project.pk]), {"GET"}),
        (reverse("proposals:proposal_new", args=[project.pk]), {"GET", "POST"}),
        (proposal_url("proposals:proposal", proposal), {"GET", "POST"}),
        (proposal_url("proposals:proposal_close", proposal), {"POST"}),
        (proposal_url("proposals:proposal_reply", proposal), {"POST"}),
        (proposal_url("proposals:proposal_poll", proposal), {"GET"}),
        (reverse("decision_log:log", args=[project.pk]), {"GET"}),
        (reverse("decision_log:decision_new", args=[project.pk]), {"GET", "POST"}),
        (reverse("decision_log:decision_edit", args=[project.pk, decision.pk]), {"GET", "POST"}),
        (reverse("decision_log:decision_history", args=[project.pk, decision.pk]), {"GET"}),
        (reverse("how_we_decide:how_edit", args=[project.pk]), {"GET", "POST"}),
        (reverse("how_we_decide:how_agree", args=[project.pk]), {"POST"}),
    ]


@pytest.fixture
def decision(project, facilitator):
    return services.decision_add(
        project=project,
        actor=facilitator,
        text="The council moved our room to the library.",
        how=Decision.How.OUTSIDE,
        made_by="The council's buildings team",
        say=Decision.Say.TOLD,
        decided_on=timezone.localdate(),
    )


# -- the door ---------------------------------------------------------------------------


def test_every_decisions_url_is_tested_here(project, proposal, decision):
    from decisions.how.urls import urlpatterns as how
    from decisions.log.urls import urlpatterns as log
    from decisions.proposals.urls import urlpatterns as proposals

    tested = {resolve(a).url_name for a, _m in all_urls(project, proposal, decision)}
    assert tested == {p.name for p in proposals + log + how}


def test_signed_out_people_are_sent_to_sign_in(client, project, proposal, decision):
    for address, methods in all_urls(project, proposal, decision):
        for method in methods:
            response = getattr(client, method.lower())(address)
            assert response.status_code == 302, address
            assert "/accounts/login/" in response["Location"]


def test_outsiders_get_404_everywhere(outsider_client, project, proposal, decision):
    for address, methods in all_urls(project, proposal, decision):
        for method in methods:
            assert getattr(outsider_client, method.lower())(address).status_code == 404, address


def test_wrong_methods_are_refused(co_producer_client, project, proposal, decision):
    for address, methods in all_urls(project, proposal, decision):
        if "GET" not in methods:
            assert co_producer_client.get(address).status_code == 405, address
        if "POST" not in methods:
            assert co_producer_client.post(address).status_code == 405, address


def test_a_proposal_of_another_project_is_not_found(facilitator_client, facilitator, proposal):
    other = make_project(facilitator, name="Another group")
    for name in ["proposals:proposal", "proposals:proposal_poll"]:
        address = reverse(name, args=[other.pk, proposal.pk])
        assert facilitator_client.get(address).status_code == 404
    address = reverse("proposals:proposal_close", args=[other.pk, proposal.pk])
    assert facilitator_client.post(address).status_code == 404


def test_only_the_proposer_or_a_facilitator_closes(project, proposal, co_producer_client):
    _user, other = member(project, "Noor")
    assert other.post(proposal_url("proposals:proposal_close", proposal)).status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_open
    response = co_producer_client.post(
        proposal_url("proposals:proposal_close", proposal), {"confirm": "yes"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert not proposal.is_open


# -- writing a proposal ------------------------------------------------------------------


def test_a_member_writes_a_consent_proposal(co_producer_client, project):
    response = co_producer_client.post(
        reverse("proposals:proposal_new", args=[project.pk]),
        {"title": "Meet on Thursdays", "reason": "Easier", "way": "consent", "closes_at": ""},
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal_url("proposals:proposal", proposal)
    assert proposal.way == Way.CONSENT and proposal.closes_at is None


def test_the_form_starts_from_the_groups_way_and_open_days(
    facilitator_client, project, facilitator
):
    how = services.how_we_decide_row(project)
    services.how_we_decide_save(
        how=how,
        actor=facilitator,
        base_version=0,
        changes={"way": "majority", "other_way": "", "vote_when": "", "open_days": 3},
    )
    page = facilitator_client.get(reverse("proposals:proposal_new", args=[project.pk]))
    assert page.context["form"]["way"].initial == Way.CHOICE
    closes = page.context["form"]["closes_at"].initial
    assert timedelta(days=2, hours=23) < closes - timezone.now() <= timedelta(days=3)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": ""}, "title", "Write what the group would decide."),
        ({"title": "x" * 201}, "title", "Keep this to 200 characters or fewer"),
        ({"reason": "x" * 2001}, "reason", "Keep this to 2,000 characters or fewer"),
        ({"closes_at": "2001-01-01T10:00"}, "closes_at", "Choose a closing time in the future."),
        ({"way": "choice", "options": "Only one"}, "options", "at least two options"),
        ({"way": "ranked", "options": "A\n\n  "}, "options", "at least two options"),
        ({"way": "choice", "options": "A\nA"}, "options", "Each option should be different."),
    ],
)
def test_bad_proposals_get_a_message_and_save_nothing(
    co_producer_client, project, data, field, message
):
    sent = {"title": "Meet on Thursdays", "way": "consent", **data}
    response = co_producer_client.post(reverse("proposals:proposal_new", args=[project.pk]), sent)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Proposal.objects.exists()


def test_a_choice_keeps_its_options_in_order(co_producer_client, project):
    co_producer_client.post(
        reverse("proposals:proposal_new", args=[project.pk]),
        {"title": "Where we meet", "way": "choice", "options": "Library\n\nCafé\nHall"},
    )
    proposal = Proposal.objects.get()
    assert [o.label for o in proposal.options.all()] == ["Library", "Café", "Hall"]


# -- responding --------------------------------------------------------------------------


def test_an_objection_needs_a_reason(co_producer_client, proposal):
    response = co_producer_client.post(
        proposal_url("proposals:proposal", proposal), {"answer": "object"}
    )
    assert response.status_code == 400
    assert "Say why" in text_of(response.content.decode())
    assert not Response.objects.exists()


def test_a_reason_can_be_too_long(co_producer_client, proposal):
    data = {"answer": "concerns", "reason": "x" * 1001}
    response = co_producer_client.post(proposal_url("proposals:proposal", proposal), data)
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_member_changes_their_response_until_it_closes(co_producer_client, proposal):
    address = proposal_url("proposals:proposal", proposal)
    co_producer_client.post(address, {"answer": "agree"})
    co_producer_client.post(address, {"answer": "concerns", "reason": "Buses stop at 9."})
    mine = Response.objects.get()
    assert (mine.answer, mine.reason) == ("concerns", "Buses stop at 9.")
    page = co_producer_client.get(address).content.decode()
    assert "Buses stop at 9." in text_of(page)


def test_a_closed_proposal_refuses_a_response_with_a_message(
    co_producer_client, proposal, facilitator
):
    services.proposal_close(proposal=proposal, actor=facilitator)
    response = co_producer_client.post(
        proposal_url("proposals:proposal", proposal), {"answer": "agree"}
    )
    assert response.status_code == 400
    assert "has closed, so it takes no more responses" in text_of(response.content.decode())
    assert not Response.objects.exists()


def test_a_proposal_past_its_time_closes_when_viewed(co_producer_client, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = co_producer_client.post(
        proposal_url("proposals:proposal", proposal), {"answer": "agree"}
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert not proposal.is_open and proposal.closed_by is None
    assert Decision.objects.filter(proposal=proposal).exists()


def test_the_command_closes_proposals_past_their_time(project, co_producer):
    due = propose(project, co_producer, closes_at=timezone.now() + timedelta(hours=1))
    later = propose(project, co_producer, closes_at=timezone.now() + timedelta(days=3))
    Proposal.objects.filter(pk=due.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    call_command("close_due_proposals")
    due.refresh_from_db()
    later.refresh_from_db()
    assert not due.is_open and later.is_open


def test_a_ranked_choice_by_select_boxes(project, co_producer_client, co_producer):
    proposal = propose(project, co_producer, way=Way.RANKED, options=["Library", "Café", "Hall"])
    a, b, c = proposal.options.all()
    address = proposal_url("proposals:proposal", proposal)
    same = co_producer_client.post(address, {"rank_1": a.pk, "rank_2": a.pk, "rank_3": c.pk})
    assert same.status_code == 400
    assert "Put each option in one place only." in text_of(same.content.decode())
    co_producer_client.post(address, {"rank_1": b.pk, "rank_2": c.pk, "rank_3": a.pk})
    ranks = list(Response.objects.get().ranks.values_list("option__label", flat=True))
    assert ranks == ["Café", "Hall", "Library"]


# -- privacy until close -----------------------------------------------------------------


def test_responses_stay_out_of_every_page_poll_export_and_report_until_close(
    project, proposal, facilitator, facilitator_client, co_producer_client
):
    co_producer_client.post(
        proposal_url("proposals:proposal", proposal), {"answer": "object", "reason": SECRET_REASON}
    )
    _u, third = member(project, "Noor")
    third.post(proposal_url("proposals:proposal", proposal), {"answer": "agree"})
    addresses = [
        proposal_url("proposals:proposal", proposal),
        reverse("proposals:proposals", args=[project.pk]),
        reverse("decision_log:log", args=[project.pk]),
        reverse("report:report", args=[project.pk]),
        reverse("portability:export", args=[project.pk]),
        reverse("projects:home", args=[project.pk]),
        proposal_url("proposals:proposal_poll", proposal) + "?revision=0",
    ]
    for address in addresses:
        response = facilitator_client.get(address)
        body = response.content.decode()
        # The facilitator hasn't responded: their own form offers the answers, none chosen.
        assert address != addresses[0] or "checked" not in body
        seen = text_of(re.sub(r'<form[^>]*id="respond-form".*?</form>', "", body, flags=re.S))
        assert SECRET_REASON not in body, address
        for word in ["I object", "I agree", "I have concerns", "objected"]:
            assert word not in seen, (address, word)
    poll = text_of(facilitator_client.get(addresses[-1]).content.decode())
    assert re.findall(r"\d+", poll) == ["2"]
    exported = json.loads(facilitator_client.get(addresses[4]).content)
    assert exported["projects"]["proposals"][0]["responses"] is None
    services.proposal_close(proposal=proposal, actor=facilitator)
    page = text_of(facilitator_client.get(addresses[0]).content.decode())
    assert SECRET_REASON in page and "I object" in page
    report = text_of(facilitator_client.get(addresses[3]).content.decode())
    assert "We have not agreed to “Meet on Thursday evenings” yet" in report
    assert SECRET_REASON in report


def test_the_poll_answers_204_when_nothing_changed(co_producer_client, project, proposal):
    project.refresh_from_db()
    address = proposal_url("proposals:proposal_poll", proposal)
    assert co_producer_client.get(f"{address}?revision={project.revision}").status_code == 204
    _u, other = member(project, "Noor")
    other.post(proposal_url("proposals:proposal", proposal), {"answer": "agree"})
    fresh = co_producer_client.get(f"{address}?revision={project.revision}")
    assert fresh.status_code == 200
    assert "1 response so far" in text_of(fresh.content.decode())


def test_the_poll_of_a_page_past_closing_time_closes_it(co_producer_client, project, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    project.refresh_from_db()
    address = proposal_url("proposals:proposal_poll", proposal)
    answer = co_producer_client.get(f"{address}?revision={project.revision}&closes=1")
    assert answer.status_code == 200
    assert "This proposal has closed." in text_of(answer.content.decode())


def test_anonymous_responses_store_no_author_and_allow_one_each(
    project, co_producer, co_producer_client
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    proposal = propose(project, co_producer, anonymous=True)
    address = proposal_url("proposals:proposal", proposal)
    co_producer_client.post(address, {"answer": "agree"})
    again = co_producer_client.post(address, {"answer": "object", "reason": "Changed my mind"})
    assert again.status_code == 400
    assert "already responded" in text_of(again.content.decode())
    response = Response.objects.get()
    assert response.author is None and response.is_anonymous
    key = AnonymousKey.objects.get()
    assert key.key == services.anonymous_key(proposal.pk, co_producer.pk) and len(key.key) == 64
    page = text_of(co_producer_client.get(address).content.decode())
    assert "can't be turned back into your name" in page


def test_anonymous_is_only_where_the_project_allows(project, co_producer):
    assert project.allow_anonymous is False
    assert propose(project, co_producer, anonymous=True).anonymous is False


# -- closing -----------------------------------------------------------------------------


def test_closing_with_few_responses_asks_first(co_producer_client, proposal):
    address = proposal_url("proposals:proposal_close", proposal)
    ask = co_producer_client.post(address)
    assert ask.status_code == 200
    assert "fewer than three people" in text_of(ask.content.decode())
    proposal.refresh_from_db()
    assert proposal.is_open
    co_producer_client.post(address, {"confirm": "yes"})
    proposal.refresh_from_db()
    assert not proposal.is_open


def test_consent_outcome_in_plain_words_with_counts(project, proposal, facilitator):
    for name, answer, reason in [("A", "agree", ""), ("B", "agree", ""), ("C", "concerns", "Late")]:
        user, _c = member(project, name)
        services.proposal_respond(proposal=proposal, member=user, answer=answer, reason=reason)
    closed = services.proposal_close(proposal=proposal, actor=facilitator)
    assert closed.outcome.startswith("We agreed to “Meet on Thursday evenings”, with concerns")
    assert "3 responses: 2 agreed, 1 with concerns" in closed.outcome
    decision = Decision.objects.get(proposal=proposal)
    assert decision.how == Decision.How.CONSENT and decision.text == closed.outcome


def test_an_objection_is_shown_and_the_proposer_responds(
    project, proposal, facilitator, co_producer_client
):
    user, _c = member(project, "Noor")
    services.proposal_respond(proposal=proposal, member=user, answer="object", reason="Childcare")
    services.proposal_close(proposal=proposal, actor=facilitator)
    page = text_of(
        co_producer_client.get(proposal_url("proposals:proposal", proposal)).content.decode()
    )
    assert "We have not agreed" in page and "Childcare" in page
    assert "The proposer has not responded to the objections yet." in page
    empty = co_producer_client.post(
        proposal_url("proposals:proposal_reply", proposal), {"reply": " "}
    )
    assert empty.status_code == 400
    co_producer_client.post(
        proposal_url("proposals:proposal_reply", proposal), {"reply": "Let's try Weds."}
    )
    proposal.refresh_from_db()
    assert proposal.reply == "Let's try Weds."


def test_a_choice_outcome_names_the_winner_or_the_tie(project, co_producer, facilitator):
    proposal = propose(project, co_producer, way=Way.CHOICE, options=["Library", "Café"])
    library, cafe = proposal.options.all()
    for name, option in [("A", library), ("B", library), ("C", cafe)]:
        user, _c = member(project, name)
        services.proposal_respond(proposal=proposal, member=user, option=option)
    closed = services.proposal_close(proposal=proposal, actor=facilitator)
    assert "we chose Library" in closed.outcome and "Library: 2; Café: 1" in closed.outcome
    tie = propose(project, co_producer, way=Way.RANKED, options=["X", "Y"])
    x, y = tie.options.all()
    services.proposal_respond(proposal=tie, member=facilitator, ranking=[x, y])
    services.proposal_respond(proposal=tie, member=co_producer, ranking=[y, x])
    assert "a tie between X and Y" in services.proposal_close(proposal=tie, actor=None).outcome


def test_closing_twice_makes_one_outcome(proposal, facilitator, co_producer):
    services.proposal_close(proposal=proposal, actor=facilitator)
    with pytest.raises(services.Closed):
        services.proposal_close(proposal=proposal, actor=co_producer)
    assert Decision.objects.filter(proposal=proposal).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_closing_and_responding_at_once_count_or_refuse_every_response(
    project, facilitator, co_producer
):
    proposal = propose(project, co_producer)
    people = [make_user(f"P{i}") for i in range(6)]
    for person in people:
        add_member(project, person)
    outcomes = {}

    def respond(person):
        try:
            services.proposal_respond(proposal=proposal, member=person, answer="agree")
            outcomes[person.pk] = "counted"
        except services.Closed:
            outcomes[person.pk] = "refused"
        finally:
            connection.close()

    def close(actor):
        try:
            services.proposal_close(proposal=proposal, actor=actor)
            outcomes[f"close-{actor.pk}"] = "closed"
        except services.Closed:
            outcomes[f"close-{actor.pk}"] = "already"
        finally:
            connection.close()

    workers = [threading.Thread(target=respond, args=(p,)) for p in people]
    workers.insert(3, threading.Thread(target=close, args=(facilitator,)))
    workers.insert(4, threading.Thread(target=close, args=(co_producer,)))
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    closes = [v for k, v in outcomes.items() if str(k).startswith("close-")]
    assert sorted(closes) == ["already", "closed"]
    assert Decision.objects.filter(proposal=proposal).count() == 1
    counted = [k for k, v in outcomes.items() if v == "counted"]
    assert Response.objects.filter(proposal=proposal).count() == len(counted)
    proposal.refresh_from_db()
    assert f"{len(counted)} response" in proposal.outcome or len(counted) == 0


# -- the decision log --------------------------------------------------------------------


def test_a_decision_made_outside_the_group_says_who_and_how_much_say(co_producer_client, project):
    address = reverse("decision_log:decision_new", args=[project.pk])
    missing = co_producer_client.post(
        address, {"text": "Room moved", "how": "outside", "decided_on": "2024-05-01", "say": "told"}
    )
    assert missing.status_code == 400
    assert "Say who made the decision." in text_of(missing.content.decode())
    assert not Decision.objects.exists()
    co_producer_client.post(
        address,
        {
            "text": "Room moved",
            "how": "outside",
            "decided_on": "2024-05-01",
            "made_by": "The council",
            "say": "asked",
        },
    )
    page = text_of(
        co_producer_client.get(reverse("decision_log:log", args=[project.pk])).content.decode()
    )
    assert "Room moved" in page and "by The council" in page and "We were asked" in page


def test_a_decision_date_cannot_be_in_the_future(co_producer_client, project):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = co_producer_client.post(
        reverse("decision_log:decision_new", args=[project.pk]),
        {"text": "Later", "how": "meeting", "decided_on": tomorrow},
    )
    assert response.status_code == 400
    assert not Decision.objects.exists()


def test_changing_a_decision_keeps_its_history_and_notices_a_conflict(
    co_producer_client, facilitator_client, decision
):
    address = reverse("decision_log:decision_edit", args=[decision.project_id, decision.pk])
    data = {
        "text": "The council moved us to the library on Mondays.",
        "decided_on": decision.decided_on.isoformat(),
        "made_by": "The council",
        "say": "told",
        "version": 1,
    }
    assert co_producer_client.post(address, data).status_code == 302
    stale = facilitator_client.post(address, {**data, "text": "Something else"})
    assert stale.status_code == 409
    decision.refresh_from_db()
    assert decision.version == 2 and "Mondays" in decision.text
    history = co_producer_client.get(
        reverse("decision_log:decision_history", args=[decision.project_id, decision.pk])
    )
    seen = text_of(history.content.decode())
    assert "moved our room to the library" in seen and "Mondays" in seen


def test_the_project_home_links_to_the_log(co_producer_client, project):
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert reverse("decision_log:log", args=[project.pk]) in home


# -- how we decide -----------------------------------------------------------------------


def test_how_we_decide_is_on_the_ground_rules_page_and_agreed(
    co_producer_client, project, co_producer
):
    rules = reverse("rules:rules", args=[project.pk])
    page = text_of(co_producer_client.get(rules).content.decode())
    assert "How we decide" in page and "By consent" in page
    co_producer_client.post(reverse("how_we_decide:how_agree", args=[project.pk]), {"agree": "yes"})
    assert HowWeDecideAgreement.objects.filter(user=co_producer).exists()
    page = text_of(co_producer_client.get(rules).content.decode())
    assert "Agreed by: Cora Coproducer" in page


def test_changing_how_we_decide_asks_everyone_again(co_producer_client, project, co_producer):
    co_producer_client.post(reverse("how_we_decide:how_agree", args=[project.pk]), {"agree": "yes"})
    address = reverse("how_we_decide:how_edit", args=[project.pk])
    bad = co_producer_client.post(address, {"way": "other", "open_days": "7", "version": 0})
    assert bad.status_code == 400
    assert "Write the group's own way of deciding." in text_of(bad.content.decode())
    too_long = co_producer_client.post(
        address, {"way": "consent", "open_days": "400", "version": 0}
    )
    assert too_long.status_code == 400
    ok = co_producer_client.post(
        address,
        {
            "way": "other",
            "other_way": "We talk until nobody minds.",
            "vote_when": "Never",
            "open_days": "5",
            "version": 0,
        },
    )
    assert ok.status_code == 302
    how = HowWeDecide.objects.get()
    assert how.version == 1 and how.open_days == 5
    page = text_of(
        co_producer_client.get(reverse("rules:rules", args=[project.pk])).content.decode()
    )
    assert "We talk until nobody minds." in page and "Nobody has agreed to this yet." in page


# -- query counts ------------------------------------------------------------------------


def _busy(project, author, proposals: int, responses: int):
    people = []
    for i in range(responses):
        user = make_user(f"R{proposals}-{i}")
        add_member(project, user)
        people.append(user)
    made = []
    for n in range(proposals):
        p = propose(project, author, title=f"Proposal {n}", way=Way.RANKED, options=["A", "B", "C"])
        options = list(p.options.all())
        for user in people:
            services.proposal_respond(proposal=p, member=user, ranking=options)
        made.append(p)
    return made


def test_pages_cost_the_same_at_two_sizes(facilitator, co_producer_client):
    """The proposal list, a proposal (open and closed) and the log read a fixed number of
    queries, however many proposals and responses there are."""
    counts = []
    for size in (2, 6):
        project = make_project(facilitator, name=f"Size {size}")

        client = Client()
        client.force_login(facilitator)
        made = _busy(project, facilitator, size, size)
        services.proposal_close(proposal=made[0], actor=facilitator)
        pages = [
            reverse("proposals:proposals", args=[project.pk]),
            proposal_url("proposals:proposal", made[0]),
            proposal_url("proposals:proposal", made[1]),
            reverse("decision_log:log", args=[project.pk]),
        ]
        row = []
        for address in pages:
            with count_queries() as ctx:
                assert client.get(address).status_code == 200
            row.append(len(ctx.captured_queries))
        counts.append(row)
    assert counts[0] == counts[1]
