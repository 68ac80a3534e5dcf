"""A meeting, simulated: every member has one live page open and polls it every 2 seconds (the
third who add and move post-its are on the lake, the others on the meeting screen), scores each round the facilitator opens within 10 seconds of seeing it, a third of the members
add or move post-its, and the facilitator opens, reveals and agrees rounds one mark after another.
One anonymous visitor asks for the front page throughout: the baseline the others are compared to.
Requests made before every member has joined are counted apart (see while_joining).

Run by bench/run.sh, which seeds the data and starts the app. It reads:

    BENCH_SEED   the JSON bench/seed.py wrote (project, accounts, marks, post-its)
    BENCH_SENT   a JSON-lines file; every score and post-it the server accepted is written here,
                 for the lost-write check in bench/report.py
    BENCH_POLLS=both   every member polls the meeting screen AND the lake, as if each had both
                       pages open at once: the load model of runs before 1 December 2026
    BENCH_LAKE_POLL=0  nobody polls the lake: an experiment, to see what the rest costs
    BENCH_POLL_WAIT=fixed   poll every 2 seconds whatever the server asks; by default each
                            member waits what the last answer's X-Poll-Interval said, as the
                            pages do (static/js/live.js)
    BENCH_STAGGER=1   several meetings' rounds are spread over the cycle instead of opening at
                      the same moment (by default they open together: the worst case)
    BENCH_INTERVALS   a JSON file; how many polls waited each number of seconds is written here

The app runs as in production (Secure cookies, CSRF checked against the origin), with
SECURE_PROXY_SSL_HEADER on: each request says it came through a TLS proxy
(X-Forwarded-Proto: https), and the client keeps the Secure cookies on loopback HTTP.
"""

import collections
import itertools
import json
import os
import random
import re
import time
import uuid
from http.cookiejar import DefaultCookiePolicy

from locust import HttpUser, constant_pacing, events, task

SEED = json.load(open(os.environ.get("BENCH_SEED", "bench/out/seed.json")))
SENT_PATH = os.environ.get("BENCH_SENT", "bench/out/sent.jsonl")
# One meeting per project; members are dealt to the projects in turn. Each project's meeting
# screen is today's meeting's, which the seed started on its first item (a mark).
PROJECTS = SEED.get("projects") or [SEED]

# How long the facilitator leaves each round open, then revealed, before moving on.
OPEN_SECONDS = 12
REVEALED_SECONDS = 4
# Open, revealed, then 2 seconds after agreeing: one round's whole cycle.
CYCLE_SECONDS = OPEN_SECONDS + REVEALED_SECONDS + 2
STAGGER = os.environ.get("BENCH_STAGGER", "0") == "1"
LAKE_POLL = os.environ.get("BENCH_LAKE_POLL", "1") != "0"
BOTH_POLLS = os.environ.get("BENCH_POLLS", "one") == "both"
OBEY_INTERVAL = os.environ.get("BENCH_POLL_WAIT", "server") != "fixed"
INTERVALS_PATH = os.environ.get("BENCH_INTERVALS", "bench/out/intervals.json")
# How many polls were followed by a wait of each number of seconds the server asked for.
waits: collections.Counter = collections.Counter()
# Each writer adds or moves a post-it with this chance on each 2-second tick (about every 13 s).
WRITE_CHANCE = 0.15

ROUND_ACTION = re.compile(r"/rounds/(\d+)/(score|reveal|agree)/")
# The revision and where the meeting is, as the screen's poll sends them.
MEETING_REVISION = re.compile(r"screen/poll/\?revision=(\d+)&amp;step=([\w-]+)&amp;shown=(\w+)")
LAKE_REVISION = re.compile(r'data-revision="(\d+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Until every member has signed in and loaded their pages, each request is counted under its
# name with " (while people join)" added: 50 sign-ins keep the CPU busy hashing passwords for
# tens of seconds, so the meeting itself is measured from when everyone is in.
MEMBERS = sum(len(p["members"]) + 1 for p in PROJECTS)
joined = {"members": 0}


def while_joining(name: str) -> str:
    return name if joined["members"] >= MEMBERS else f"{name} (while people join)"


# Each meeting's round, as its facilitator's device last saw it: (mark_id, status).
# Members learn a round has opened from their meeting poll; the mark to open is shared here
# because the meeting screen names the mark without linking to it.
meetings = [{"mark_id": None, "status": None, "opened": 0} for _ in PROJECTS]
_accounts = [iter(p["members"]) for p in PROJECTS]
_counter = itertools.count()


# Send Secure cookies over loopback HTTP, as if through a TLS-terminating proxy. requests copies
# cookie jars with the default policy, so the policy itself is changed, in this process only.
DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True


def record(**row) -> None:
    with open(SENT_PATH, "a") as f:
        f.write(json.dumps(row) + "\n")


@events.test_start.add_listener
def _reset_sent(environment, **kwargs) -> None:
    open(SENT_PATH, "w").close()


@events.quitting.add_listener
def _write_waits(environment, **kwargs) -> None:
    with open(INTERVALS_PATH, "w") as f:
        json.dump({str(k): v for k, v in sorted(waits.items())}, f)


class Person(HttpUser):
    abstract = True
    network_timeout = 30
    connection_timeout = 10
    wait_time = constant_pacing(2)

    def on_start(self) -> None:
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.origin = self.host.replace("http://", "https://").rstrip("/")

    def post(self, url: str, data: dict, name: str, htmx: bool = False, **kwargs):
        headers = {"Origin": self.origin, "X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.post(url, data=data, headers=headers, name=name, **kwargs)

    def sign_in(self, email: str) -> None:
        page = self.client.get("/accounts/login/", name="sign-in page")
        token = CSRF_INPUT.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": SEED["password"]},
            headers={"Origin": self.origin},
            name="sign in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"{email} could not sign in")


class Member(Person):
    """One member on their own phone or laptop; the first one to start is the facilitator."""

    def on_start(self) -> None:
        super().on_start()
        number = next(_counter)
        # Members join the meetings in turn; each meeting's first is its facilitator.
        self.project_index = number % len(PROJECTS)
        self.number = number // len(PROJECTS)
        project = PROJECTS[self.project_index]
        self.project = project
        self.meeting = meetings[self.project_index]
        self.p = P = f"/projects/{project['project_id']}"
        self.screen = f"{P}/meetings/{project['meeting_id']}/screen/"
        self.facilitator = self.number == 0
        self.email = (
            project["facilitator"] if self.facilitator else next(_accounts[self.project_index])
        )
        self.writer = self.number % 3 == 1
        self.sign_in(self.email)
        # The screen's old address, as a bookmark has it: it leads to the meeting on now.
        page = self.client.get(self.screen, name=while_joining("meeting page"))
        self.meeting_shown = MEETING_REVISION.search(page.text).groups()
        page = self.client.get(f"{P}/lake/", name=while_joining("lake board"))
        self.lake_revision = LAKE_REVISION.search(page.text).group(1)
        joined["members"] += 1
        self.scored_opening = 0
        self.score_due = None
        self.marks = iter(zip(project["mark_ids"], project["item_ids"], strict=True))
        self.item_id = None
        self.phase_until = time.monotonic() + 4
        if STAGGER:
            # Meetings that happen to share a server don't open their rounds together.
            self.phase_until += self.project_index * CYCLE_SECONDS / len(PROJECTS)
        self.round_id = None
        self.next_poll = 0.0

    @task
    def tick(self) -> None:
        self.poll()
        if self.facilitator:
            self.run_meeting()
        self.maybe_score()
        if self.writer and random.random() < WRITE_CHANCE:
            self.write_postit()

    def poll(self) -> None:
        # As live.js: no sooner than the last answer's X-Poll-Interval asked (unless fixed).
        if time.monotonic() < self.next_poll:
            return
        # A browser page has one poll: the lake's writers watch the lake, the rest the screen.
        on_lake = LAKE_POLL and (BOTH_POLLS or self.writer)
        if BOTH_POLLS or not on_lake:
            self.waited(self.poll_screen())
        if on_lake:
            self.waited(self.poll_lake())

    def waited(self, response) -> None:
        seconds = int(response.headers.get("X-Poll-Interval") or 2) if OBEY_INTERVAL else 2
        waits[seconds] += 1
        # The 2-second tick polls again once this has passed (live.js allows 250 ms early).
        self.next_poll = time.monotonic() + seconds - 0.25

    def poll_screen(self):
        revision, step, shown = self.meeting_shown
        r = self.client.get(
            f"{self.screen}poll/",
            params={"revision": revision, "step": step, "shown": shown},
            headers={"HX-Request": "true"},
            name=while_joining("meeting poll"),
        )
        if r.status_code == 200 and (m := MEETING_REVISION.search(r.text)):
            self.meeting_shown = m.groups()
        elif r.status_code == 204 and (moved := r.headers.get("X-Live-Revision")):
            # The screen is as it was: ask from the new revision next time, as live.js does.
            self.meeting_shown = (moved, step, shown)
        return r

    def poll_lake(self):
        r = self.client.get(
            f"{self.p}/lake/poll/",
            params={"revision": self.lake_revision},
            headers={"HX-Request": "true"},
            name=while_joining("lake poll"),
        )
        if r.status_code == 200 and (m := LAKE_REVISION.search(r.text)):
            self.lake_revision = m.group(1)
        return r

    # -- scoring -------------------------------------------------------------------

    def maybe_score(self) -> None:
        now = time.monotonic()
        if self.meeting["status"] == "open" and self.scored_opening != self.meeting["opened"]:
            self.scored_opening = self.meeting["opened"]
            # Within the same 10 seconds: up to 8 s to decide, then the page and the post.
            self.score_due = (now + random.uniform(0, 8), self.meeting["mark_id"])
        if self.score_due and now >= self.score_due[0]:
            mark_id = self.score_due[1]
            self.score_due = None
            page = self.client.get(f"{self.p}/marks/{mark_id}/", name=while_joining("mark page"))
            found = [m for m in ROUND_ACTION.finditer(page.text) if m.group(2) == "score"]
            if not found:
                return  # The round closed before this member got to it.
            round_id = int(found[0].group(1))
            value = random.randint(1, 10)
            r = self.post(
                f"{self.p}/rounds/{round_id}/score/",
                {"score-value": str(value)},
                name=while_joining("score"),
                htmx=True,
            )
            if r.status_code == 200 and f"Your score of {value} is saved" in r.text:
                record(kind="score", round=round_id, member=self.email, value=value)

    def run_meeting(self) -> None:
        """Open a round on the next mark, reveal it after a while, agree, and go on."""
        if time.monotonic() < self.phase_until:
            return
        if self.meeting["status"] in (None, "closed"):
            mark_id, item_id = next(self.marks, (None, None))
            if mark_id is None:
                return
            if self.item_id is not None:
                # The screen moves on to the next item, as the facilitator's control does.
                self.post(
                    f"{self.screen}step/",
                    {"step": "next", "current": str(self.item_id)},
                    name=while_joining("next item"),
                )
            self.item_id = item_id
            r = self.post(
                f"{self.p}/marks/{mark_id}/rounds/open/", {}, name=while_joining("open round")
            )
            found = [m for m in ROUND_ACTION.finditer(r.text) if m.group(2) == "score"]
            if not found:
                return
            self.round_id = int(found[0].group(1))
            self.meeting.update(mark_id=mark_id, status="open", opened=self.meeting["opened"] + 1)
            self.phase_until = time.monotonic() + OPEN_SECONDS
        elif self.meeting["status"] == "open":
            self.post(
                f"{self.p}/rounds/{self.round_id}/reveal/", {}, name=while_joining("reveal round")
            )
            self.meeting["status"] = "revealed"
            self.phase_until = time.monotonic() + REVEALED_SECONDS
        else:
            self.post(
                f"{self.p}/rounds/{self.round_id}/agree/",
                {"agree-value": "6", "agree-note": "Agreed in the bench meeting."},
                name=while_joining("agree round"),
            )
            self.meeting["status"] = "closed"
            self.phase_until = time.monotonic() + 2

    # -- the lake --------------------------------------------------------------------

    def write_postit(self) -> None:
        if random.random() < 0.5:
            text = f"Bench idea {uuid.uuid4().hex[:12]} from {self.email}"
            r = self.post(
                f"{self.p}/lake/add/",
                {
                    "add-text": text,
                    "add-place": random.choice(SEED["places"]),
                    "add-colour": "yellow",
                },
                name=while_joining("add post-it"),
                htmx=True,
            )
            if r.status_code == 200 and "data-added" in r.text:
                record(kind="postit", member=self.email, text=text)
        else:
            postit_id = random.choice(self.project["postit_ids"])
            r = self.post(
                f"{self.p}/lake/post-its/{postit_id}/move/",
                # As lake.js does: the revision shown, so the answer holds only what changed.
                {
                    "place": random.choice(SEED["places"]),
                    "position": "0",
                    "revision": self.lake_revision,
                },
                name=while_joining("move post-it"),
                htmx=True,
            )
            if r.status_code == 200 and (m := LAKE_REVISION.search(r.text)):
                self.lake_revision = m.group(1)


class Baseline(Person):
    """The trivial request every other kind is compared with: the front page, signed out."""

    fixed_count = 1
    wait_time = constant_pacing(0.5)

    @task
    def front_page(self) -> None:
        self.client.get("/", name=while_joining("baseline: front page"))
