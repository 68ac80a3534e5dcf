"""The project home starts with "For you now": what waits for this member, one link each."""

from checkins import services as checkins
from decisions import services as decisions
from marks.scoring import services as scoring

from .factories import marks_of
from .pages import count_queries, url, without_tags


def for_you(client, project) -> str:
    html = client.get(url("projects:home", project)).content.decode()
    start = html.index('id="for-you-heading"')
    return without_tags(html[start : html.index("</section>", start)])


def test_a_group_without_aims_is_asked_to_start_there(co_producer_client, project):
    text = for_you(co_producer_client, project)
    assert "Start by writing your aims together" in text
    html = co_producer_client.get(url("projects:home", project)).content.decode()
    # It comes before everything else on the page but the project's name.
    assert html.index("For you now") < html.index("Our aims")


def test_a_round_waits_for_each_members_own_score(
    co_producer_client, facilitator_client, project, facilitator, co_producer
):
    mark = marks_of(project)[0]
    scoring_round = scoring.round_open(mark=mark, actor=facilitator)
    assert f"Give your score for “{mark.title}”" in for_you(co_producer_client, project)
    scoring.score_set(scoring_round=scoring_round, member=co_producer, value=7)
    # Scored: gone for the co-producer, still there for the facilitator, and no score shown.
    assert mark.title not in for_you(co_producer_client, project)
    text = for_you(facilitator_client, project)
    assert f"Give your score for “{mark.title}”" in text and "7" not in text


def test_a_proposal_and_a_check_in_wait_for_an_answer(
    co_producer_client, project, facilitator, co_producer
):
    proposal = decisions.proposal_add(
        project=project,
        author=facilitator,
        title="Meet on Tuesdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    checkin = checkins.checkin_start(project=project, actor=facilitator)
    text = for_you(co_producer_client, project)
    assert "Answer the proposal “Meet on Tuesdays”" in text
    assert "A check-in is open" in text
    decisions.proposal_respond(proposal=proposal, member=co_producer, answer="agree")
    first_question = checkins.QUESTIONS[0][0]
    checkins.checkin_answer(
        checkin=checkin, member=co_producer, answers={first_question: "Fine"}, anonymous=False
    )
    text = for_you(co_producer_client, project)
    assert "Meet on Tuesdays" not in text and "A check-in is open" not in text


def test_nothing_waiting_says_so(co_producer_client, project):
    project.purpose = "To make the drop-in ours."
    project.save(update_fields=["purpose"])
    assert "Nothing is waiting for you right now." in for_you(co_producer_client, project)


def test_for_you_costs_the_same_queries_however_much_waits(
    co_producer_client, project, facilitator
):
    """Each app's items cost a query or two, not one per round or proposal."""
    home = url("projects:home", project)
    marks = marks_of(project)
    scoring.round_open(mark=marks[0], actor=facilitator)
    with count_queries() as few:
        co_producer_client.get(home)
    for mark in marks[1:4]:
        scoring.round_open(mark=mark, actor=facilitator)
    for n in range(3):
        decisions.proposal_add(
            project=project,
            author=facilitator,
            title=f"Proposal {n}",
            reason="",
            way="consent",
            options=[],
            closes_at=None,
            anonymous=bool(n % 2),
        )
    with count_queries() as many:
        co_producer_client.get(home)
    assert len(many) <= len(few) + 1, (len(few), len(many))
