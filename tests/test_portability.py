"""The whole project as one JSON file, and ``manage.py import_project`` to bring it back.

A round trip (export, import, export again) must give the same document, so
nothing is lost or changed; the file holds only what members see in the app.
"""

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import FORMER_MEMBER_NAME, User
from checkins import services as checkin_services
from checkins.models import CheckIn, CheckInResponse
from lake import services as lake_services
from lake.models import PostIt
from marks import services as mark_services
from marks.actions import services as actions
from marks.models import Action, Mark, Note, Score, ScoringRound, ScoringSettings
from marks.scoring import services as scoring
from projects import services
from projects.completing import services as completing
from projects.models import GroundRule, Membership, Project, Thanks, Update
from projects.parts import BadFile
from projects.rules import services as rules_services
from projects.stages import Stage
from sharing.portability import document as file_format
from sharing.portability.document import export_project, import_project

from .factories import add_member, make_project, make_user
from .pages import count_queries

OPEN_SCORE_NOTE = "An open round's private score"


def _marks(project, stage):
    return list(Mark.objects.filter(project=project, stage=stage).order_by("position", "pk"))


def build_rich_project(facilitator, co_producer, *, show_names: bool) -> Project:
    """A project with some of everything, including things the file must leave out."""
    project = make_project(facilitator, name="Drop-in redesign", purpose="Make it welcoming.")
    add_member(project, co_producer)
    dee = make_user("Dee Departed", "dee@example.org")
    add_member(project, dee)
    eli = make_user("Eli Extra", "eli@example.org")
    add_member(project, eli, role=Membership.Role.FACILITATOR)
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    ScoringSettings.objects.create(project=project, show_names=show_names)
    services.project_update_description(
        project=project,
        editor=co_producer,
        base_version=project.version,
        name=project.name,
        purpose="Make the drop-in welcoming for everyone.",
        out_of_scope="The building.",
        outcomes="People come back.",
        decisions="We talk until we agree.",
        tracking="Notes after each meeting.",
    )

    rule = rules_services.ground_rule_add(project=project, author=co_producer, text="Listen well.")
    rules_services.ground_rule_edit(
        rule=rule, editor=facilitator, base_version=1, text="Listen without interrupting."
    )
    for person in (facilitator, dee):
        rule.agreements.create(user=person)
    completing.update_post(
        project=project, author=facilitator, title="Saturdays agreed", body="The council said yes."
    )
    completing.thanks_add(project=project, sender=co_producer, to_user=dee, message="Thank you!")
    completing.thanks_add(project=project, sender=dee, to_user=None, message="Thanks, all.")

    planning = _marks(project, Stage.PLANNING)
    review_marks = _marks(project, Stage.REVIEW)
    reworded = mark_services.mark_reword(
        mark=planning[0],
        editor=co_producer,
        base_version=1,
        title="Starting well, as equals",
        explanation="Everyone arrives on the same footing.",
    )
    mark_services.mark_set_hidden(mark=review_marks[1], actor=facilitator, hidden=True)
    own = mark_services.mark_add(
        project=project,
        author=dee,
        stage=Stage.PROCESS,
        title="Meet on a bus route",
        explanation="So everyone can get there.",
    )
    named = mark_services.note_add(
        mark=reworded, author=co_producer, kind=Note.Kind.LADDER, text="A warm welcome."
    )
    mark_services.note_edit(note=named, base_version=1, text="A warm welcome at the door.")
    mark_services.note_add(
        mark=reworded, author=dee, kind=Note.Kind.SNAKE, text="Secret snake", anonymous=True
    )
    mark_services.note_add(mark=own, author=dee, kind=Note.Kind.MEANING, text="Dee's meaning.")
    gone = mark_services.note_add(
        mark=own, author=co_producer, kind=Note.Kind.MEANING, text="A deleted thought."
    )
    mark_services.note_delete(note=gone)

    # A closed round (with a pass), a revealed round, and an open round with a private score.
    closed = scoring.round_open(mark=reworded, actor=facilitator)
    for person, value in ((facilitator, 6), (co_producer, 8), (dee, 3), (eli, None)):
        scoring.score_set(scoring_round=closed, member=person, value=value)
    scoring.round_reveal(scoring_round=closed, actor=facilitator)
    scoring.round_agree(scoring_round=closed, actor=facilitator, value=7, note="Mostly there.")
    revealed = scoring.round_open(mark=own, actor=facilitator)
    scoring.score_set(scoring_round=revealed, member=co_producer, value=5)
    scoring.round_reveal(scoring_round=revealed, actor=facilitator)
    still_open = scoring.round_open(mark=planning[1], actor=facilitator)
    scoring.score_set(scoring_round=still_open, member=co_producer, value=9)

    for status, owners, everyone, mark, due in (
        (Action.Status.TODO, [co_producer, dee], False, own, date(2027, 1, 31)),
        (Action.Status.DOING, [], True, None, None),
        (Action.Status.DONE, [facilitator], False, reworded, date(2026, 12, 1)),
        (Action.Status.DROPPED, [eli, co_producer, facilitator], False, None, None),
    ):
        actions.action_add(
            project=project,
            actor=facilitator,
            text=f"Action that is {status}",
            kind=Action.Kind.DIFFERENTLY if everyone else Action.Kind.FORWARD,
            owners=owners,
            everyone=everyone,
            due=due,
            status=status,
            mark=mark,
        )

    done = checkin_services.checkin_start(project=project, actor=facilitator)
    checkin_services.checkin_answer(
        checkin=done, member=co_producer, answers={"voices": "We hear Cora."}, anonymous=False
    )
    checkin_services.checkin_answer(
        checkin=done,
        member=dee,
        answers={"care": "I need a break.", "feedback": "Ask often."},
        anonymous=True,
    )
    checkin_services.checkin_close(checkin=done, actor=facilitator)
    now_open = checkin_services.checkin_start(project=project, actor=co_producer)
    checkin_services.checkin_answer(
        checkin=now_open, member=eli, answers={"care": "Open and private."}, anonymous=False
    )

    lake_services.postit_add(
        project=project,
        author=co_producer,
        text="Tea and biscuits",
        place="planning",
        colour="pink",
    )
    lake_services.postit_add(
        project=project,
        author=dee,
        text="Nameless idea",
        place="water",
        colour="blue",
        anonymous=True,
    )
    lake_services.postit_add(
        project=project,
        author=co_producer,
        text=named.text,
        place=reworded.stage,
        colour="yellow",
        mark=reworded,
        actor=facilitator,
    )
    moved = lake_services.postit_add(
        project=project, author=eli, text="Large print", place="planning", colour="green"
    )
    lake_services.postit_move(postit=moved, place="water:process-review", actor=eli)
    lake_services.postit_edit(
        postit=moved, base_version=1, text="Large print minutes", colour="green"
    )
    removed = lake_services.postit_add(
        project=project, author=facilitator, text="A whiteboard", place="review", colour="orange"
    )
    lake_services.postit_delete(postit=removed, actor=facilitator)

    # Dee leaves: her words stay under her name, her scores lose it.
    services.membership_end(membership=Membership.objects.get(project=project, user=dee), actor=dee)
    # Gus deleted his account but left his words, which now show as "A former member".
    gus = make_user("Gus Gone", "gus@example.org")
    mark_services.note_add(mark=own, author=gus, kind=Note.Kind.LADDER, text="Gus's ladder.")
    User.objects.filter(pk=gus.pk).update(
        is_former_member=True, is_active=False, name=FORMER_MEMBER_NAME, email="gone@invalid"
    )
    return Project.objects.get(pk=project.pk)


def roundtrip(document: dict, facilitator: User) -> tuple[Project, dict]:
    # Through real JSON text, as a file would be.
    imported = import_project(json.loads(json.dumps(document)), facilitator)
    return imported, export_project(imported)


def without_time(document: dict) -> dict:
    document = copy.deepcopy(document)
    del document["exported_at"]
    return document


# -- the round trip ------------------------------------------------------------------


@pytest.mark.parametrize("show_names", [False, True])
def test_a_round_trip_loses_and_changes_nothing(facilitator, co_producer, show_names):
    original = build_rich_project(facilitator, co_producer, show_names=show_names)
    first = export_project(original)
    imported, second = roundtrip(first, facilitator)

    assert imported.pk != original.pk
    assert without_time(second) == without_time(first)
    # And the document has the data in it, not an empty shell that trivially matches.
    assert len(first["members"]) == 5
    assert [m["role"] for m in first["members"]].count(None) == 2
    assert [m["name"] for m in first["members"] if m["account_deleted"]] == ["A former member"]
    assert len(first["marks"]["actions"]) == 4
    assert {a["status"] for a in first["marks"]["actions"]} == set(Action.Status.values)
    assert len(first["lake"]["postits"]) == 5
    assert len(first["projects"]["ground_rules"][0]["history"]) == 2


def test_the_imported_project_shows_what_the_group_did(facilitator, co_producer):
    original = build_rich_project(facilitator, co_producer, show_names=True)
    imported = import_project(export_project(original), facilitator)

    assert imported.name == "Drop-in redesign"
    assert imported.purpose == "Make the drop-in welcoming for everyone."
    assert Note.objects.get(
        mark__project=imported, text="A warm welcome at the door."
    ).author.name == ("Cora Coproducer")
    agreed = ScoringRound.objects.get(mark__project=imported, status="closed")
    assert (agreed.agreed_value, agreed.agreed_note) == (7, "Mostly there.")
    assert agreed.mark.title == "Starting well, as equals"
    moved = PostIt.objects.get(project=imported, text="Large print minutes")
    assert moved.place == "water:process-review"
    from_note = PostIt.objects.get(project=imported, text="A warm welcome at the door.")
    assert from_note.mark.title == "Starting well, as equals"
    assert PostIt.objects.get(project=imported, text="A whiteboard").deleted_at is not None
    assert Mark.objects.get(project=imported, title="Meet on a bus route").library_key == ""
    assert Mark.objects.filter(project=imported, hidden=True).count() == 1
    # Fran is the facilitator; everyone else has an account that can't sign in.
    fran = Membership.objects.get(project=imported, user=facilitator)
    assert fran.role == Membership.Role.FACILITATOR
    others = User.objects.filter(memberships__project=imported).exclude(pk=facilitator.pk)
    assert sorted(u.name for u in others) == ["Cora Coproducer", "Eli Extra"]
    for person in others:
        assert not person.is_active
        assert not person.has_usable_password()
        assert person.email.endswith("@invalid.example")
    assert co_producer not in others
    dee = Note.objects.get(mark__project=imported, text="Dee's meaning.").author
    assert dee.name == "Dee Departed" and not dee.memberships.exists()
    gus = Note.objects.get(mark__project=imported, text="Gus's ladder.").author
    assert gus.is_former_member and str(gus) == "A former member"


def test_a_facilitator_not_in_the_file_is_added_as_an_extra_facilitator(facilitator, co_producer):
    original = build_rich_project(facilitator, co_producer, show_names=False)
    newcomer = make_user("Nia Newcomer", "nia@example.org")
    imported = import_project(export_project(original), newcomer)

    roles = dict(Membership.objects.filter(project=imported).values_list("user__name", "role"))
    assert roles["Nia Newcomer"] == Membership.Role.FACILITATOR
    # Fran's name is kept, on an account that is not hers.
    assert roles["Fran Facilitator"] == Membership.Role.FACILITATOR
    assert not Membership.objects.filter(project=imported, user=facilitator).exists()
    assert len(roles) == 4


def test_a_file_exported_by_an_earlier_version_of_the_app_imports_whole(facilitator):
    """The demo project, exported once and kept: later changes must still read it."""
    path = Path(__file__).parent / "data" / "demo-project-v1.json"
    document = json.loads(path.read_text(encoding="utf-8"))

    imported = import_project(document, facilitator)

    assert imported.name == "Our community mental health drop-in"
    # Sam, Amina, Jo and Priya, and Fran added as a facilitator (no one in the file has her name).
    members = Membership.objects.filter(project=imported)
    assert sorted(members.values_list("user__name", flat=True)) == [
        "Amina",
        "Fran Facilitator",
        "Jo",
        "Priya",
        "Sam",
    ]
    assert GroundRule.objects.filter(project=imported).count() == 3
    assert Update.objects.filter(project=imported).count() == 1
    assert Thanks.objects.filter(project=imported).count() == 2
    assert Mark.objects.filter(project=imported).count() == 43
    assert Note.objects.filter(mark__project=imported).count() == 8
    assert ScoringRound.objects.filter(mark__project=imported).count() == 11
    assert Score.objects.filter(round__mark__project=imported).count() == 40
    assert Action.objects.filter(project=imported).count() == 4
    assert CheckIn.objects.filter(project=imported).count() == 2
    assert CheckInResponse.objects.filter(checkin__project=imported).count() == 4
    assert PostIt.objects.filter(project=imported).count() == 16
    # Robin deleted his account in the demo: his note stays, as "A former member".
    former = Note.objects.get(mark__project=imported, author__is_former_member=True)
    assert str(former.author) == "A former member"
    assert PostIt.objects.get(project=imported, mark__isnull=False).mark.project == imported


def test_two_parts_can_write_into_one_section_of_the_file(monkeypatch, facilitator, co_producer):
    """A later part may add its own keys to another's section: both are written and read."""
    original = build_rich_project(facilitator, co_producer, show_names=False)
    marks_keys = set(export_project(original)["marks"])
    read_back = []
    extra = SimpleNamespace(
        export=lambda project, people: {"extra": project.name},
        import_=lambda project, data, people: read_back.append(
            (data.text("extra"), len(data.array("marks")))
        ),
    )
    monkeypatch.setattr(file_format, "PARTS", [*file_format.PARTS, ("marks", extra)])

    document = export_project(original)
    imported = import_project(json.loads(json.dumps(document)), facilitator)

    assert set(document["marks"]) == marks_keys | {"extra"}
    assert list(document)[-4:] == ["projects", "marks", "lake", "meetings"]
    # The second part reads the same section, with the first part's keys still in it.
    assert read_back == [("Drop-in redesign", len(document["marks"]["marks"]))]
    assert Mark.objects.filter(project=imported).count() == len(document["marks"]["marks"])


def test_two_parts_writing_the_same_key_is_refused(monkeypatch, project):
    clashing = SimpleNamespace(export=lambda project, people: {"checkins": []}, import_=None)
    monkeypatch.setattr(file_format, "PARTS", [*file_format.PARTS, ("marks", clashing)])
    with pytest.raises(ValueError, match="checkins"):
        export_project(project)


# -- privacy -------------------------------------------------------------------------


def test_the_file_keeps_anonymous_things_anonymous_and_private_things_out(facilitator, co_producer):
    project = build_rich_project(facilitator, co_producer, show_names=False)
    document = export_project(project)
    text = json.dumps(document)

    assert "@" not in text
    assert "Gus" not in text.replace("Gus's ladder.", "")
    notes = [n for m in document["marks"]["marks"] for n in m["notes"]]
    secret = next(n for n in notes if n["text"] == "Secret snake")
    assert secret["anonymous"] is True and secret["author"] is None
    assert "A deleted thought." not in text
    nameless = next(p for p in document["lake"]["postits"] if p["text"] == "Nameless idea")
    assert nameless["author"] is None
    # The open round is there, without its scores; names never show with show_names off.
    rounds = {r["status"]: r for m in document["marks"]["marks"] for r in m["rounds"]}
    assert rounds["open"]["scores"] is None
    assert [s["value"] for s in rounds["closed"]["scores"]] == [3, 6, 8, None]
    assert all(s["member"] is None for r in rounds.values() for s in r["scores"] or [])
    assert '"value": 9' not in text
    # The open check-in is there without its answers; the closed one has them.
    open_checkin, closed_checkin = sorted(
        document["marks"]["checkins"], key=lambda c: c["closed_at"] is None
    )[::-1]
    assert open_checkin["responses"] is None
    assert "Open and private." not in text
    anonymous = [r for r in closed_checkin["responses"] if r["anonymous"]]
    assert anonymous == [
        {
            "author": None,
            "anonymous": True,
            "created_at": anonymous[0]["created_at"],
            "answers": {"care": "I need a break.", "feedback": "Ask often."},
        }
    ]
    # Nobody's stay-in-touch choices go in.
    assert "stay_in_touch" not in text and "keep_details" not in text


def test_names_with_scores_only_when_the_project_shows_them(facilitator, co_producer):
    project = build_rich_project(facilitator, co_producer, show_names=True)
    document = export_project(project)
    refs = {m["name"]: m["ref"] for m in document["members"]}
    closed = next(
        r for m in document["marks"]["marks"] for r in m["rounds"] if r["status"] == "closed"
    )
    # Dee has left, so her score stays but loses her name, as on the reveal page.
    assert closed["scores"] == [
        {"member": None, "value": 3},
        {"member": refs["Fran Facilitator"], "value": 6},
        {"member": refs["Cora Coproducer"], "value": 8},
        {"member": refs["Eli Extra"], "value": None},
    ]
    assert closed["spread"] == {"lowest": 3, "highest": 8, "median": 6, "passed": 1}


# -- bad files -----------------------------------------------------------------------


@pytest.fixture
def good_document(facilitator, co_producer):
    project = build_rich_project(facilitator, co_producer, show_names=True)
    return export_project(project)


def _break(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


def _set(path, value):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _score_of_11(document):
    for i, mark in enumerate(document["marks"]["marks"]):
        for j, scoring_round in enumerate(mark["rounds"]):
            if scoring_round["scores"]:
                scoring_round["scores"][0]["value"] = 11
                document["expected_path"] = f"marks.marks[{i}].rounds[{j}].scores[0].value"
                return
    raise AssertionError("the good document has no revealed scores to spoil")


BAD_FILES = [
    ("not ours", _set(["format"], "something-else"), "not a project exported"),
    ("newer", _set(["version"], 2), "newer version"),
    ("missing", _delete(["marks", "marks", 3, "stage"]), "marks.marks[3].stage is missing"),
    (
        "wrong type",
        _set(["marks", "marks", 3, "stage"], 4),
        "marks.marks[3].stage should be text, not a number",
    ),
    (
        "unknown stage",
        _set(["marks", "marks", 3, "stage"], "planing"),
        'marks.marks[3].stage: "planing" is not a stage',
    ),
    (
        "unknown member",
        _set(["marks", "actions", 0, "owners"], ["member-99"]),
        'marks.actions[0].owners[0]: "member-99" is not one of the people',
    ),
    ("score too high", _score_of_11, "a score must be a whole number from 1 to 10, not 11"),
    (
        "bad date",
        _set(["lake", "postits", 0, "created_at"], "yesterday"),
        'lake.postits[0].created_at: "yesterday" is not a date and time',
    ),
    (
        "unknown mark",
        _set(["lake", "postits", 2, "mark"], "mark-999"),
        'lake.postits[2].mark: there is no mark "mark-999"',
    ),
    (
        "anonymous with author",
        _set(["lake", "postits", 1, "author"], "member-1"),
        "an anonymous post-it can't have an author",
    ),
    ("no members", _delete(["members"]), "members is missing"),
]


@pytest.mark.parametrize(
    ("change", "words"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(
    good_document, facilitator, change, words, tmp_path
):
    assert good_document["lake"]["postits"][2]["mark"] is not None
    projects, users = Project.objects.count(), User.objects.count()
    broken = _break(good_document, change)
    expected_path = broken.pop("expected_path", "")
    path = tmp_path / "project.json"
    path.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_project", str(path), facilitator=facilitator.email)

    assert words in str(raised.value)
    assert expected_path in str(raised.value)
    assert "\n" not in str(raised.value)
    assert (Project.objects.count(), User.objects.count()) == (projects, users)


def test_the_good_file_itself_imports(good_document, facilitator, tmp_path):
    """The bad-file cases above change one thing each: without it, the file imports."""
    path = tmp_path / "project.json"
    path.write_text(json.dumps(good_document), encoding="utf-8")
    projects = Project.objects.count()
    call_command("import_project", str(path), facilitator=facilitator.email)
    assert Project.objects.count() == projects + 1


def test_a_file_that_is_not_json_is_refused(facilitator, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear all, see you on Tuesday", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_project", str(path), facilitator=facilitator.email)


def test_a_file_over_the_size_limit_is_refused_in_one_line(
    good_document, facilitator, tmp_path, settings
):
    settings.IMPORT_MAX_MEGABYTES = 1
    # A real project file, padded with spaces (still valid JSON) to just over 1 MB.
    text = json.dumps(good_document)
    path = tmp_path / "big.json"
    path.write_text(text + " " * (1024 * 1024 + 1 - len(text)), encoding="utf-8")
    projects, users = Project.objects.count(), User.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("import_project", str(path), facilitator=facilitator.email)

    assert "is bigger than 1 MB, the most this server imports" in str(raised.value)
    assert "nothing was saved" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert (Project.objects.count(), User.objects.count()) == (projects, users)
    # One byte less is within the limit and imports.
    path.write_text(text + " " * (1024 * 1024 - len(text)), encoding="utf-8")
    call_command("import_project", str(path), facilitator=facilitator.email)
    assert Project.objects.count() == projects + 1


@pytest.mark.parametrize("levels", [51, 100_000])
def test_a_deeply_nested_file_is_refused_in_one_line(good_document, facilitator, tmp_path, levels):
    """100,000 levels used to end in a RecursionError's traceback."""
    document = copy.deepcopy(good_document)
    path = tmp_path / "deep.json"
    # The nesting sits in a key nothing reads, in a file that is otherwise fine.
    text = json.dumps(document)
    path.write_text(
        text[:-1] + ', "extra": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}",
        encoding="utf-8",
    )
    projects, users = Project.objects.count(), User.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("import_project", str(path), facilitator=facilitator.email)

    assert "nested more than 50 levels deep" in str(raised.value)
    assert "nothing was saved" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert (Project.objects.count(), User.objects.count()) == (projects, users)


def test_nesting_of_50_levels_is_still_read(good_document, facilitator, tmp_path):
    text = json.dumps(good_document)
    path = tmp_path / "fifty.json"
    path.write_text(text[:-1] + ', "extra": ' + "[" * 49 + "]" * 49 + "}", encoding="utf-8")
    projects = Project.objects.count()
    call_command("import_project", str(path), facilitator=facilitator.email)
    assert Project.objects.count() == projects + 1


def test_import_project_refuses_deep_data_handed_to_it_directly(good_document, facilitator):
    document = copy.deepcopy(good_document)
    deep: list = []
    document["extra"] = deep
    for _level in range(60):
        deep.append([])
        deep = deep[0]
    with pytest.raises(BadFile, match="nested more than 50 levels"):
        import_project(document, facilitator)


def test_a_file_with_two_rounds_in_progress_on_one_mark_leaves_nothing_behind(
    good_document, facilitator
):
    """Every field is fine on its own; together they break a rule, found half-way through."""
    projects, users = Project.objects.count(), User.objects.count()
    document = copy.deepcopy(good_document)
    rounds = next(m["rounds"] for m in document["marks"]["marks"] if m["rounds"])
    rounds.append({**rounds[0], "status": "open", "scores": None})
    rounds.append({**rounds[0], "status": "revealed"})
    with pytest.raises(BadFile, match="only one round that is not yet agreed"):
        import_project(document, facilitator)
    assert (Project.objects.count(), User.objects.count()) == (projects, users)


def test_the_command_needs_an_existing_account(good_document, tmp_path):
    path = tmp_path / "project.json"
    path.write_text(json.dumps(good_document), encoding="utf-8")
    with pytest.raises(CommandError, match="no account with the email nobody@example.org"):
        call_command("import_project", str(path), facilitator="nobody@example.org")


def test_the_command_imports_a_file_and_says_so(facilitator, co_producer, tmp_path, capsys):
    project = build_rich_project(facilitator, co_producer, show_names=False)
    path = tmp_path / "project.json"
    path.write_text(json.dumps(export_project(project)), encoding="utf-8")

    call_command("import_project", str(path), facilitator=facilitator.email.upper())

    imported = Project.objects.exclude(pk=project.pk).get()
    assert f'Imported "Drop-in redesign" as project {imported.pk}' in capsys.readouterr().out
    assert Note.objects.filter(mark__project=imported, text="Secret snake", author=None).exists()


# -- the download --------------------------------------------------------------------


def export_url(project) -> str:
    return reverse("portability:export", args=[project.pk])


def test_any_member_downloads_the_whole_project(co_producer_client, project):
    response = co_producer_client.get(export_url(project))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="better-drop-in-{today}.json"'
    )
    document = json.loads(response.content)
    assert document["format"] == "mark-of-coproduction.project"
    assert document["project"]["name"] == "Better drop-in"


def test_the_download_answers_only_get(client, co_producer_client, outsider_client, project):
    assert client.get(export_url(project)).url.startswith(reverse("account_login"))
    assert co_producer_client.post(export_url(project)).status_code == 405
    assert outsider_client.get(export_url(project)).status_code == 404


def test_a_completed_project_can_still_be_downloaded(facilitator_client, project):
    project.completed_at = timezone.now() - timedelta(days=1)
    project.save(update_fields=["completed_at"])
    assert facilitator_client.get(export_url(project)).status_code == 200


def test_the_links_offer_the_download(co_producer_client, project):
    url = export_url(project)
    assert url in co_producer_client.get(reverse("projects:home", args=[project.pk])).text
    benchmark = co_producer_client.get(reverse("actions:benchmark", args=[project.pk]))
    assert url in benchmark.text


def _grow(project, facilitator, co_producer, n: int) -> None:
    """Add n of each: marks with notes and a closed round, actions, post-its, rules."""
    for i in range(n):
        mark = mark_services.mark_add(
            project=project,
            author=co_producer,
            stage=Stage.PROCESS,
            title=f"Mark {i}",
            explanation="",
        )
        mark_services.note_add(mark=mark, author=co_producer, kind="ladder", text=f"Ladder {i}")
        r = scoring.round_open(mark=mark, actor=facilitator)
        scoring.score_set(scoring_round=r, member=co_producer, value=5)
        scoring.round_reveal(scoring_round=r, actor=facilitator)
        scoring.round_agree(scoring_round=r, actor=facilitator, value=5, note="")
        actions.action_add(
            project=project,
            actor=facilitator,
            text=f"Do {i}",
            kind="forward",
            owners=[co_producer, facilitator],
            everyone=False,
            due=None,
            mark=mark,
        )
        lake_services.postit_add(
            project=project, author=co_producer, text=f"Idea {i}", place="water", colour="blue"
        )
        rules_services.ground_rule_add(project=project, author=co_producer, text=f"Rule {i}")
        completing.thanks_add(project=project, sender=co_producer, to_user=None, message=f"Ta {i}")
        c = checkin_services.checkin_start(project=project, actor=facilitator)
        checkin_services.checkin_answer(
            checkin=c, member=co_producer, answers={"care": "Yes"}, anonymous=False
        )
        checkin_services.checkin_close(checkin=c, actor=facilitator)
    # Someone who has left, whose words stay: named once more for each size.
    former = make_user(f"Former {n}", f"former{n}@example.org")
    add_member(project, former)
    mark_services.note_add(mark=mark, author=former, kind="snake", text="Before I left")
    services.membership_end(
        membership=Membership.objects.get(project=project, user=former), actor=former
    )


def test_the_download_costs_the_same_queries_however_big_the_project(
    co_producer_client, project, facilitator, co_producer
):
    """The file is built with a fixed set of queries, so a long-running project exports fast."""
    _grow(project, facilitator, co_producer, 2)
    with count_queries() as small:
        assert co_producer_client.get(export_url(project)).status_code == 200
    _grow(project, facilitator, co_producer, 5)
    with count_queries() as large:
        response = co_producer_client.get(export_url(project))
    assert response.status_code == 200
    assert len(json.loads(response.content)["marks"]["actions"]) == 7
    assert len(large) == len(small)
