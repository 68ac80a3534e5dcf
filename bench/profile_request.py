"""Profile one kind of request in-process, with cProfile, on a database bench/seed.py filled.

    DATABASE_URL=postgres://... DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 \
        .venv/bin/python bench/profile_request.py bench/out/<run>/seed.json [lake-poll|lake-board|...]

Prints the mean server time of each kind of request (no network, no gunicorn), then cProfile's
top functions by cumulative time for the one named (default: lake-poll). It first changes
the words of one post-it (to the same words), so that "lake-poll-one" finds one change, and
moves the project's revision on, so that "meeting-poll-moved" finds a change the screen
doesn't show.
"""

import cProfile
import json
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from lake.models import PostIt, lake_revision  # noqa: E402
from lake.services import postit_edit  # noqa: E402
from marks.models import Mark, ScoringRound  # noqa: E402
from marks.scoring.services import round_open  # noqa: E402
from projects.models import Project  # noqa: E402


def main() -> None:
    seed = json.loads(Path(sys.argv[1]).read_text())
    which = sys.argv[2] if len(sys.argv) > 2 else "lake-poll"
    project = Project.objects.get(pk=seed["project_id"])
    p = f"/projects/{project.pk}"
    screen = f"{p}/meetings/{seed['meeting_id']}/screen/"
    # One post-it changed since the revision a browser shows: what most lake polls find.
    postit = PostIt.objects.filter(project=project, deleted_at=None).order_by("pk").first()
    postit_edit(postit=postit, base_version=postit.version, text=postit.text, colour=postit.colour)
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HX_REQUEST="true", secure=True)
    client.force_login(User.objects.get(email=seed["members"][0]))
    # The screen as a page shows it, then a change it doesn't show (the project's revision
    # moves on): the poll that answers 204 and names the new revision.
    drawn = client.get(screen, HTTP_HX_REQUEST=None).content.decode()
    asked = re.search(r'hx-get="[^"?]*screen/poll/\?([^"]+)"', drawn).group(1)
    Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1)
    # A mark whose round is open, as everyone's mark page is while they score.
    scoring_mark = Mark.objects.get(pk=seed["mark_ids"][1])
    if not ScoringRound.objects.filter(mark=scoring_mark, status="open").exists():
        round_open(mark=scoring_mark, actor=User.objects.get(email=seed["facilitator"]))
    project.refresh_from_db()
    rev = project.revision
    lake = lake_revision(project)
    mark = seed["mark_ids"][0]
    kinds = {
        "front-page": "/",
        "lake-poll-204": f"{p}/lake/poll/?revision={lake}",
        "meeting-poll-204": f"{screen}poll/?revision={rev}",
        "lake-poll-one": f"{p}/lake/poll/?revision={lake - 1}",
        # An unknown revision: the whole lake, as a browser far behind gets it.
        "lake-poll": f"{p}/lake/poll/?revision=",
        "meeting-poll": f"{screen}poll/?revision=0",
        "lake-board": f"{p}/lake/",
        "meeting-page": screen,
        "mark-page": f"{p}/marks/{mark}/",
        "mark-page-scoring": f"{p}/marks/{scoring_mark.pk}/",
        "project-home": f"{p}/",
        # A page's poll after a change its screen doesn't show: a 204 naming the revision.
        "meeting-poll-moved": f"{screen}poll/?{asked.replace('&amp;', '&')}",
    }
    repeat = 20
    print(f"{'request':18} {'ms (mean of 20)':>16} {'CPU ms':>8} {'queries':>8} {'bytes':>8}")
    for name, url in kinds.items():
        if name == "front-page":
            c = Client(secure=True)
        else:
            c = client
        c.get(url)  # warm caches: templates, URL resolver
        queries: list[str] = []

        def count(run, sql, *args, queries=queries):
            queries.append(sql)
            return run(sql, *args)

        with connection.execute_wrapper(count):
            response = c.get(url)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            c.get(url)
        ms = (time.perf_counter() - start) * 1000 / repeat
        # CPU time of this process (the app; PostgreSQL's work is not in it): steadier than
        # wall time on a busy machine.
        cpu_ms = (time.process_time() - cpu) * 1000 / repeat
        print(f"{name:18} {ms:16.1f} {cpu_ms:8.1f} {len(queries):8} {len(response.content):8}")
    url = kinds[which]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    print(f"\ncProfile of {repeat} × {which} ({url}), by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
