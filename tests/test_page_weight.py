"""Page weight: the bytes a browser fetches for each main page on first load, compressed.

This measures bytes, not time, so it is stable in CI. Each page is loaded as a member's browser
would: the HTML, any panel it loads through htmx as soon as it arrives (hx-trigger="load"), and
every stylesheet and script it links to, read from the static folders. Each is gzipped: static
files at level 9, as whitenoise stores them; HTML at level 6, about what Django's GZipMiddleware
(in the app's middleware) sends.

The data is a meeting-sized project: 50 members, the 42 library marks, 300 post-its, past rounds
and a revealed round on the meeting screen.

Checked that these tests can fail: with PAGE_BUDGET and LAKE_BUDGET set to 1_000 bytes (a
pytest plugin setting them at collection), the eight page tests fail, each with a table of
where the bytes go (e.g. "29.7 KB compressed, budget 1 KB" for the lake list). The lake board
loads SortableJS only when a pointer reaches the page, so it is not part of the first load.
"""

import gzip
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from lake.models import PLACES, Colour, lake_revision
from lake.services import postit_add
from marks.models import Mark, ScoringRound
from marks.scoring import services as scoring
from meetings.models import Meeting
from meetings.services import agenda_step
from projects.models import Project
from projects.stages import Stage
from tests.factories import add_agenda_item, add_member, make_set_meeting, make_user
from tests.pages import count_queries

WORDS = (
    "listen share welcome tea budget travel access easy-read transport childcare quiet room "
    "break thanks training mentor paid time notes minutes slides pictures feedback survey "
    "follow-up trust power lived experience voice choice venue ramp hearing loop"
).split()
KB = 1024
LAKE_BUDGET = 60 * KB
PAGE_BUDGET = 40 * KB
MEMBERS = 50
POSTITS = 300

ASSET = re.compile(
    r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"', re.IGNORECASE
)
LOAD_PANEL = re.compile(r'hx-get="([^"]+)"\s+hx-trigger="load"')


def gzipped(data: bytes, level: int) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def static_file(url: str) -> bytes:
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    assert url.startswith(static_url), f"{url} is not a static file"
    found = finders.find(url.removeprefix(static_url).split("?")[0])
    assert found, f"{url} is linked from a page but is not in any static folder"
    return Path(found).read_bytes()


def first_load(client, url: str) -> tuple[int, list[tuple[str, int, int]]]:
    """Total compressed bytes of a page's first load, and each part: (what, raw, gzipped)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    html = response.content
    parts = [(url, len(html), gzipped(html, 6))]
    text = html.decode()
    for panel in LOAD_PANEL.findall(text):
        fragment = client.get(panel.replace("&amp;", "&"), headers={"HX-Request": "true"})
        assert fragment.status_code == 200
        parts.append((panel, len(fragment.content), gzipped(fragment.content, 6)))
    for asset in dict.fromkeys(ASSET.findall(text)):
        data = static_file(asset)
        parts.append((asset, len(data), gzipped(data, 9)))
    return sum(p[2] for p in parts), parts


def explain(total: int, budget: int, parts) -> str:
    lines = [f"{total / KB:.1f} KB compressed, budget {budget / KB:.0f} KB:"]
    lines += [f"  {gz / KB:7.1f} KB  ({raw / KB:7.1f} KB raw)  {what}" for what, raw, gz in parts]
    return "\n".join(lines)


@pytest.fixture
def meeting_project(project: Project, facilitator, co_producer) -> Project:
    """A project the size of a big meeting, with scoring history and a round revealed."""
    members = [facilitator, co_producer]
    for i in range(MEMBERS - 2):
        user = make_user(f"Member {i:02d}")
        add_member(project, user)
        members.append(user)
    # Varied words, as real post-its are: repeated text would compress unrealistically well.
    rng = random.Random(9)
    for i in range(POSTITS):
        postit_add(
            project=project,
            author=members[i % len(members)],
            text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize(),
            place=PLACES[i % len(PLACES)],
            colour=Colour.values[i % len(Colour.values)],
        )
    marks = list(Mark.objects.filter(project=project).order_by("pk")[:3])
    for mark in marks:
        scoring_round = scoring.round_open(mark=mark, actor=facilitator)
        for n, user in enumerate(members):
            scoring.score_set(scoring_round=scoring_round, member=user, value=1 + n % 10)
        scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
        if mark != marks[-1]:
            scoring.round_agree(scoring_round=scoring_round, actor=facilitator, value=6, note="")
    # The meeting screen is on the mark whose scores are revealed.
    meeting = make_set_meeting(project, facilitator)
    add_agenda_item(meeting, facilitator, kind="mark", mark=marks[-1])
    agenda_step(meeting=meeting, actor=facilitator, step="start")
    project.refresh_from_db()
    return project


def screen_meeting(project: Project) -> int:
    return Meeting.objects.filter(project=project).values_list("pk", flat=True).get()


def main_pages(project: Project) -> dict[str, str]:
    p = project.pk
    mark = ScoringRound.objects.filter(mark__project=project).first().mark_id
    return {
        "home": reverse("home"),
        "project home": reverse("projects:home", args=[p]),
        "stage": reverse("marks:stage", args=[p, Stage.PLANNING]),
        "mark": reverse("marks:mark", args=[p, mark]),
        "members": reverse("projects:members", args=[p]),
        "rules": reverse("rules:rules", args=[p]),
        "meeting screen": reverse("screen:screen", args=[p, screen_meeting(project)]),
        "lake list": reverse("lake:list", args=[p]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "home",
        "project home",
        "stage",
        "mark",
        "members",
        "rules",
        "meeting screen",
        "lake list",
    ],
)
def test_each_main_page_loads_in_under_40_kb(meeting_project, co_producer_client, page):
    url = main_pages(meeting_project)[page]
    total, parts = first_load(co_producer_client, url)
    assert total < PAGE_BUDGET, explain(total, PAGE_BUDGET, parts)


@pytest.mark.django_db
# The heaviest page: 300 post-its, each with its move list and two forms. SortableJS (15 KB)
# is left out because it loads only when a pointer reaches the page.
def test_the_lake_board_with_300_postits_loads_in_under_60_kb(meeting_project, co_producer_client):
    url = reverse("lake:board", args=[meeting_project.pk])
    total, parts = first_load(co_producer_client, url)
    assert total < LAKE_BUDGET, explain(total, LAKE_BUDGET, parts)


@pytest.mark.django_db
def test_a_poll_that_finds_nothing_new_is_an_empty_204(
    meeting_project, co_producer_client, django_assert_max_num_queries
):
    """Polls run every 2 s for every member: with nothing new, no body and one small query
    beyond the session and the signed-in member (three in all)."""
    p = meeting_project.pk
    revision = meeting_project.revision
    mark = ScoringRound.objects.filter(mark__project=meeting_project).first().mark_id
    # The lake has a counter of its own, so changes elsewhere don't redraw it.
    polls = [
        (reverse("lake:poll", args=[p]), lake_revision(meeting_project)),
        (reverse("screen:poll", args=[p, screen_meeting(meeting_project)]), revision),
        (reverse("scoring:round_poll", args=[p, mark]), revision),
    ]
    for url, revision in polls:
        with django_assert_max_num_queries(3):
            response = co_producer_client.get(
                url, {"revision": revision}, headers={"HX-Request": "true"}
            )
        assert response.status_code == 204, url
        assert response.content == b"", url


@pytest.mark.django_db
def test_the_meeting_screen_is_drawn_once_per_revision_and_shared(
    project, facilitator, co_producer, facilitator_client, co_producer_client
):
    """After each score every member's meeting poll finds something new. The live part is the
    same for everyone, so the second member gets the first one's drawing for fewer queries,
    and a new revision is drawn afresh."""
    mark = Mark.objects.filter(project=project).order_by("pk").first()
    scoring_round = scoring.round_open(mark=mark, actor=facilitator)
    meeting = make_set_meeting(project, facilitator)
    item = add_agenda_item(meeting, facilitator, kind="mark", mark=mark)
    agenda_step(meeting=meeting, actor=facilitator, step="start")
    url = reverse("screen:poll", args=[project.pk, meeting.pk])
    # As the screen sends it: where the meeting was, so the control isn't drawn again.
    step = f"on-{item.pk}"
    answers = []
    for client in (facilitator_client, co_producer_client):
        with count_queries() as ctx:
            response = client.get(
                url, {"revision": 0, "step": step}, headers={"HX-Request": "true"}
            )
        assert response.status_code == 200
        answers.append((response.content, len(ctx.captured_queries)))
    (first, first_queries), (second, second_queries) = answers
    assert second == first
    assert second_queries < first_queries
    assert second_queries == 3  # the session, its user and the revision: nothing drawn
    scoring.score_set(scoring_round=scoring_round, member=co_producer, value=7)
    third = co_producer_client.get(
        url, {"revision": 0, "step": step}, headers={"HX-Request": "true"}
    ).content
    assert third != first
