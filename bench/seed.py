"""Create the benchmark's data: projects of N members each, their marks, post-its, months of rounds.

Run with the app's own virtualenv and settings (bench/run.sh does this):

    DATABASE_URL=postgres://... .venv/bin/python bench/seed.py --members 50 --out bench/out/seed.json
    ... bench/seed.py --projects 4 --members 50 ...   four meetings of 50, in four projects

It writes what the load test needs (per project: its id, accounts, mark and post-it ids) as
JSON; the first project's are also at the top level, as before.
Every member shares one password, hashed once with the production hasher: the hash is
what is slow, and signing in still checks it the way production does.
"""

import argparse
import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from lake.models import PLACES, Colour  # noqa: E402
from lake.services import postit_add  # noqa: E402
from marks.models import Mark, Score, ScoringRound  # noqa: E402
from meetings import services as meeting_services  # noqa: E402
from meetings.models import AGENDA_MAX_ITEMS  # noqa: E402
from projects.models import Membership  # noqa: E402
from projects.services import project_create  # noqa: E402

PASSWORD = "bench-password-not-secret-1"
WORDS = (
    "listen share welcome tea budget travel access easy-read transport childcare quiet room "
    "break thanks training mentor paid time notes minutes slides pictures feedback survey "
    "follow-up trust power lived experience voice choice venue ramp hearing loop"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."


@transaction.atomic
def seed_project(
    number: int, members: int, postits: int, months: int, rng: random.Random, hashed: str
) -> dict:
    users = []
    for i in range(members):
        name = "Fran Facilitator" if i == 0 else f"Member {i:03d}"
        # The first project keeps the addresses earlier runs used.
        email = f"bench{i:03d}@example.org" if number == 0 else f"bench{number}-{i:03d}@example.org"
        user = User.objects.create(email=email, name=name, password=hashed)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append(user)
    facilitator = users[0]
    project = project_create(creator=facilitator, name=f"Bench meeting {number + 1}")
    Membership.objects.bulk_create(
        Membership(project=project, user=u, role=Membership.Role.CO_PRODUCER) for u in users[1:]
    )
    marks = list(Mark.objects.filter(project=project).order_by("stage", "position", "pk"))

    # Months of past meetings: most marks were scored once or twice, each round closed.
    now = timezone.now()
    rounds = []
    for mark in marks:
        for _ in range(rng.randint(0, 2)):
            opened = now - timedelta(days=rng.randint(7, 30 * months))
            rounds.append(
                ScoringRound(
                    mark=mark,
                    status=ScoringRound.Status.CLOSED,
                    opened_by=facilitator,
                    opened_at=opened,
                    revealed_at=opened + timedelta(minutes=5),
                    closed_at=opened + timedelta(minutes=9),
                    agreed_value=rng.randint(3, 9),
                    agreed_by=facilitator,
                )
            )
    ScoringRound.objects.bulk_create(rounds)
    Score.objects.bulk_create(
        Score(
            round=r,
            member=u,
            value=rng.randint(1, 10),
            created_at=r.opened_at,
            updated_at=r.opened_at,
        )
        for r in rounds
        for u in users
        if rng.random() < 0.8
    )

    ids = []
    for i in range(postits):
        postit = postit_add(
            project=project,
            author=users[i % members],
            text=sentence(rng),
            place=rng.choice(PLACES),
            colour=rng.choice(Colour.values),
        )
        ids.append(postit.pk)

    # Today's meeting, running: its agenda is every mark in turn, and the screen is on the first.
    meeting = meeting_services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Bench meeting",
        times=[(now, now + timedelta(hours=2)), (now, now + timedelta(hours=3))],
    )
    meeting_services.meeting_choose(
        meeting=meeting, option=meeting.options.first(), actor=facilitator
    )
    # An agenda holds at most AGENDA_MAX_ITEMS items: the meeting goes through that many marks.
    marks = marks[:AGENDA_MAX_ITEMS]
    items = [
        meeting_services.agenda_suggest(meeting=meeting, member=facilitator, kind="mark", mark=m)
        for m in marks
    ]
    meeting_services.agenda_step(meeting=meeting, actor=facilitator, step="start")

    return {
        "project_id": project.pk,
        "meeting_id": meeting.pk,
        "item_ids": [item.pk for item in items],
        "facilitator": facilitator.email,
        "members": [u.email for u in users[1:]],
        "mark_ids": [m.pk for m in marks],
        "postit_ids": ids,
        "past_rounds": len(rounds),
    }


def seed(projects: int, members: int, postits: int, months: int, seed_value: int) -> dict:
    rng = random.Random(seed_value)
    # One hash for everyone: hashing is slow, and signing in still checks it as production does.
    hashed = make_password(PASSWORD)
    each = [seed_project(n, members, postits, months, rng, hashed) for n in range(projects)]
    return {**each[0], "password": PASSWORD, "places": PLACES, "projects": each}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1, help="projects, each its own meeting")
    parser.add_argument(
        "--members", type=int, default=50, help="members of each project, facilitator included"
    )
    parser.add_argument("--postits", type=int, default=300)
    parser.add_argument("--months", type=int, default=6, help="how far back past rounds go")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    data = seed(args.projects, args.members, args.postits, args.months, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1))
    for project in data["projects"]:
        print(
            f"Seeded project {project['project_id']}: {args.members} members, "
            f"{len(project['mark_ids'])} marks, {len(project['postit_ids'])} post-its, "
            f"{project['past_rounds']} past rounds."
        )


if __name__ == "__main__":
    main()
