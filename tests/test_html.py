"""Every page is valid HTML, and the small files browsers and search engines ask for are there.

The W3C Nu HTML Checker (vnu.jar, installed by ``make setup`` into ``.vnu/``)
reads every full page a facilitator reaches in a demo-sized project, in the
states a group usually sees: a scoring round open, revealed and agreed, a form
sent back with its errors, and an edit refused because someone else saved
first. Java is slow to start, so every page is written to one folder and the
checker runs once over all of them.
"""

import io
import json
import logging
import re
import shutil
import subprocess
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import transaction
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from checkins.models import CheckIn
from lake import services as lake_services
from marks.models import Mark, Note, Score, ScoringRound
from meetings.models import Meeting
from projects.models import Membership, Project
from projects.setting_aside import services as setting_aside
from projects.setting_aside.kinds import KINDS
from projects.stages import Stage

from .every_url import URLS, arguments, build_world, sample_kwargs

BASE_DIR = Path(__file__).resolve().parent.parent
VNU_JAR = BASE_DIR / ".vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's attributes (hx-get, hx-target ...) are deliberate, and unknown to the HTML standard.
HTMX_ATTRIBUTES = "Attribute “hx-[a-z-]+” not allowed on element .*"
# Statuses of full pages worth checking; anything else is a redirect or an empty answer.
PAGE_STATUSES = {200, 400, 403, 409}


# -- the checker -------------------------------------------------------------


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The HTML check needs Java 17 or newer on PATH, then `make setup`.", pytrace=False
        )
    if not VNU_JAR.exists():
        where = VNU_JAR.relative_to(BASE_DIR)
        pytest.fail(
            f"The HTML checker is not installed ({where}): run `make setup`.", pytrace=False
        )
    return [java, "-jar", str(VNU_JAR)]


def html_errors(command: list[str], pages: dict[str, str], folder: Path) -> list[str]:
    """Check every page in one run of the checker; return its errors, one readable line each."""
    files = {}
    for number, (label, html) in enumerate(pages.items()):
        path = folder / f"page-{number:04}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = label
    result = subprocess.run(
        [
            *command,
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            "--filterpattern",
            HTMX_ATTRIBUTES,
            *sorted(files),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The checker writes its report to stderr.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The HTML checker did not answer in JSON:\n{result.stdout}{result.stderr}")
    # The same mistake in a shared template shows on many pages: say it once, with each place.
    places: dict[str, list[str]] = {}
    for message in messages:
        label = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())
        where = places.setdefault(message["message"], [f"near: {extract}"])
        where.append(f"at {label}, line {message.get('lastLine', '?')}")
    errors = []
    for text, (near, *where) in places.items():
        more = [f"and {len(where) - 5} more"] if len(where) > 5 else []
        errors.append("\n    ".join([f"- {text}", near, *where[:5], *more]))
    return errors


# -- reading pages -----------------------------------------------------------


class FormReader(HTMLParser):
    """Each form's action and the values it would send as it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
            return
        if tag == "option" and self._select:
            # The option marked selected, else the first one, as a browser sends it.
            fields = self.forms[-1]["fields"]
            if "selected" in attrs or self._select not in fields:
                fields[self._select] = attrs.get("value", "")
            return
        if not self.forms or not attrs.get("name"):
            return
        fields = self.forms[-1]["fields"]
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            fields[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
        elif tag == "select":
            self._select = name

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data) -> None:
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def is_page(response) -> bool:
    return (
        response["Content-Type"].startswith("text/html")
        and b"<html" in response.content
        and not response.streaming
    )


@contextmanager
def undone():
    """Run a request whose changes are thrown away, so every page sees the same project."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# -- the project -------------------------------------------------------------


@pytest.fixture
def demo(settings, outsider):
    """The demo project, plus a round revealed and a note and post-it of the facilitator's."""
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    settings.DEBUG = False
    # The first demo project (the second is the small one with the quick exit), checked
    # with the quick exit on, so every page is checked with the button too.
    project = Project.objects.order_by("pk").first()
    project.quick_exit = True
    project.save(update_fields=["quick_exit"])
    memberships = project.memberships.select_related("user").order_by("pk")
    facilitator = memberships.filter(role=Membership.Role.FACILITATOR).first().user
    co_producer = memberships.filter(role=Membership.Role.CO_PRODUCER).first().user
    world = build_world(
        project=project, facilitator=facilitator, co_producer=co_producer, outsider=outsider
    )
    marks = Mark.objects.filter(project=project, hidden=False).order_by("stage", "position")
    # Every stage has marks with notes; the demo writes none on the review stage.
    for stage in Stage.values:
        mark = marks.filter(stage=stage).first()
        Note.objects.create(mark=mark, kind="meaning", text="It matters.", author=facilitator)
    busy = ScoringRound.objects.filter(status__in=["open", "revealed"]).values("mark")
    revealed = ScoringRound.objects.create(
        mark=marks.exclude(pk__in=busy).exclude(rounds__status="closed").first(),
        status=ScoringRound.Status.REVEALED,
        opened_by=facilitator,
        revealed_at=timezone.now(),
    )
    for membership, value in zip(memberships, [3, 7, 6, None, 8], strict=False):
        Score.objects.create(round=revealed, member=membership.user, value=value)
    rounds = ScoringRound.objects.filter(mark__project=project)
    own = lake_services.postit_add(
        project=project, author=facilitator, text="My words.", place="review", colour="blue"
    )
    own_aside = setting_aside.set_aside(
        project=project, kind=KINDS["postit"], item=own, actor=facilitator, rule=world["rule"]
    )
    world["variants"] = {
        "mark_id": [
            rounds.filter(status=ScoringRound.Status.OPEN).first().mark_id,
            revealed.mark_id,
            rounds.filter(status=ScoringRound.Status.CLOSED).first().mark_id,
            Mark.objects.filter(project=project, hidden=True).first().pk,
        ],
        "stage": Stage.values,
        "note_id": [Note.objects.filter(author=facilitator).first().pk],
        "postit_id": [project.postits.filter(author=facilitator).first().pk],
        "checkin_id": [CheckIn.objects.filter(project=project, closed_at__isnull=False)[0].pk],
        # The demo's closed proposal (outcome, counts, reasons) and its ranked open one.
        "proposal_id": list(project.proposals.order_by("pk").values_list("pk", flat=True)),
        # The demo's meetings: one past, one still finding a time.
        "meeting_id": list(Meeting.objects.filter(project=project).values_list("pk", flat=True)),
        # Words already set aside, and the facilitator's own set-aside words on their page.
        "item_id": [world["aside"].item_id],
        "aside_id": [own_aside.pk],
    }
    world["facilitator"] = facilitator
    return world


def addresses(pattern, world) -> list[str]:
    """The URL with the sample arguments, then once more for each other sample of an argument."""
    base = sample_kwargs(pattern, world)
    found = [base]
    for arg in arguments(pattern):
        for value in world["variants"].get(arg, []):
            found.append({**base, arg: value})
    return found


# -- the test ----------------------------------------------------------------


def test_every_page_is_valid_html(demo, tmp_path, caplog):
    # Before the slow part: without the checker, say at once how to get it.
    command = vnu_command()
    # Refusals (403, 405, 409) are expected here: logging each would bury the report.
    caplog.set_level(logging.ERROR, logger="django.request")
    client = demo["clients"]["facilitator"]
    pages: dict[str, str] = {}
    statuses: dict[int, int] = {}

    def keep(method: str, url: str, response) -> None:
        if response.status_code in PAGE_STATUSES and is_page(response):
            pages[f"{method} {url} ({response.status_code})"] = response.content.decode()
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    stale_posts = []
    seen = set()
    for name, _route, pattern in URLS:
        # allauth's own pages: the public ones are checked below, signed out.
        if not name or name.startswith("account_"):
            continue
        for number, kwargs in enumerate(addresses(pattern, demo)):
            url = reverse(name, kwargs=kwargs)
            if url in seen:
                continue
            seen.add(url)
            with undone():
                response = client.get(url)
            keep("GET", url, response)
            if response.status_code == 200 and is_page(response):
                stale_posts += stale_forms(url, response)
            # An empty POST, as the permission matrix sends: forms come back with errors.
            if number == 0:
                with undone():
                    keep("POST", url, client.post(url, {}))

    # Someone else saved first: each form that carries a version, sent with an older one.
    # Edit forms answer with the conflict page (409); one-click buttons redirect instead.
    for url, data in stale_posts:
        with undone():
            keep("POST (stale)", url, client.post(url, data))

    signed_out = Client()
    for url in [
        reverse("home"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/no-such-page/",
    ]:
        response = signed_out.get(url)
        assert response.status_code in PAGE_STATUSES | {404}, url
        pages[f"GET {url}, signed out ({response.status_code})"] = response.content.decode()

    # The states this test exists for were really reached.
    assert statuses.get(400) and statuses.get(403) and statuses.get(409), statuses
    assert len(pages) > 80

    errors = html_errors(command, pages, tmp_path)
    if errors:
        pytest.fail(f"HTML errors in {len(pages)} pages:\n" + "\n".join(errors), pytrace=False)


def stale_forms(url: str, response) -> list[tuple[str, dict]]:
    """Every form on the page that carries a version, with that version made one older."""
    reader = FormReader()
    reader.feed(response.content.decode())
    found = []
    for form in reader.forms:
        fields = form["fields"]
        version = next((name for name in fields if name.rsplit("-", 1)[-1] == "version"), None)
        if version and fields[version].isdigit():
            found.append((form["action"] or url, {**fields, version: int(fields[version]) - 1}))
    return found


# -- what browsers and search engines ask for of every site --------------------


def robots_allow(robots_txt: str, path: str) -> bool:
    """Whether a crawler may fetch ``path``, as RFC 9309 reads the rules for every crawler:
    the longest matching rule wins, Allow on a tie; ``*`` is any text, ``$`` the end."""
    rules = []
    for line in robots_txt.splitlines():
        field, _colon, value = line.partition(":")
        if field.strip().lower() in {"allow", "disallow"}:
            pattern = re.escape(value.strip()).replace(r"\*", ".*").replace(r"\$", "$")
            rules.append((len(value.strip()), field.strip().lower() == "allow", pattern))
    matching = [(length, allow) for length, allow, pattern in rules if re.match(pattern, path)]
    return max(matching, default=(0, True))[1]


@pytest.mark.django_db
def test_robots_txt_keeps_search_engines_to_the_front_page(client, project):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.splitlines()[0] == "User-agent: *"
    assert robots_allow(text, "/")
    assert robots_allow(text, "/static/css/site.css")
    for private in [
        reverse("projects:home", args=[project.pk]),
        reverse("projects:list"),
        reverse("account_login"),
        "/account/",
        "/join/some-token/",
        "/?page=2",
    ]:
        assert not robots_allow(text, private), private


@pytest.mark.django_db
def test_every_page_links_our_icon_and_a_theme_colour_from_the_stylesheet(client):
    html = client.get(reverse("account_login")).content.decode()

    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert icon, "base.html links no SVG icon"
    response = client.get(icon[1])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = ElementTree.fromstring(b"".join(response.streaming_content))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    colour = re.search(r'<meta name="theme-color" content="(#[0-9a-f]{6})">', html)
    assert colour, "base.html gives no theme colour"
    assert colour[1] in (BASE_DIR / "static" / "css" / "site.css").read_text()


@pytest.mark.django_db
def test_favicon_ico_sends_browsers_to_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert client.get(response["Location"]).status_code == 200
    assert client.post("/favicon.ico").status_code == 405
