"""The group's words: the glossary, its marks in the group's own text, and the gentle hint
about words the group would rather not use."""

import re
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from decisions import services as decision_services
from lake import services as lake_services
from marks import services as mark_services
from marks.models import Mark
from projects.models import Activity
from projects.rules.services import ground_rule_add
from sharing.people.services import personal_data
from sharing.portability.document import export_project, import_project
from words import services
from words.models import AvoidWord, Term, TermRevision
from words.starters import COMMON_TERMS, WORDS_TO_AVOID

from .factories import make_project, make_user
from .pages import count_queries


def words_url(project, name="words", **kwargs):
    return reverse(f"words:{name}", kwargs={"project_id": project.pk, **kwargs})


def term(project, name="remit"):
    return Term.objects.get(project=project, term__iexact=name)


def first_mark(project) -> Mark:
    return Mark.objects.filter(project=project, hidden=False).order_by("stage", "position").first()


def mark_url(mark) -> str:
    return reverse("marks:mark", args=[mark.project_id, mark.pk])


def add_note(mark, author, text):
    return mark_services.note_add(mark=mark, author=author, kind="ladder", text=text)


# -- starting words ------------------------------------------------------------------


def test_a_new_project_starts_with_the_common_terms_and_words_to_avoid(project):
    assert Term.objects.filter(project=project).count() == len(COMMON_TERMS)
    assert AvoidWord.objects.filter(project=project).count() == len(WORDS_TO_AVOID)
    assert set(Term.objects.filter(project=project).values_list("term", flat=True)) >= {
        "co-production",
        "lived experience",
        "remit",
        "benchmark",
        "facilitator",
        "anonymous",
        "snakes",
        "ladders",
        "lake of ideas",
    }
    # Each starts its history, so a later change keeps the first meaning.
    assert TermRevision.objects.filter(term_item__project=project).count() == len(COMMON_TERMS)
    # The project's creation is its one activity line.
    assert not Activity.objects.filter(project=project, kind="words_started").exists()


def test_an_existing_project_is_offered_the_common_terms_and_gets_only_those_missing(
    co_producer_client, project
):
    Term.objects.filter(project=project).exclude(term="remit").delete()
    AvoidWord.objects.filter(project=project).delete()
    page = co_producer_client.get(words_url(project)).content.decode()
    assert "Add the common terms" in page
    assert "Add the suggested words" in page
    response = co_producer_client.post(words_url(project, "starters_add"), {"which": "terms"})
    assert response.status_code == 302
    assert Term.objects.filter(project=project).count() == len(COMMON_TERMS)
    # Words to avoid stay the group's own choice, offered apart.
    assert not AvoidWord.objects.filter(project=project).exists()
    assert "Add the common terms" not in co_producer_client.get(words_url(project)).content.decode()
    assert Activity.objects.filter(project=project, kind="words_started").count() == 1


# -- the page and its forms ------------------------------------------------------------


def test_the_words_page_is_for_members_only(client, outsider_client, project):
    assert client.get(words_url(project)).status_code == 302
    assert outsider_client.get(words_url(project)).status_code == 404
    assert outsider_client.post(words_url(project, "term_add"), {}).status_code == 404


def test_the_words_page_lists_the_glossary_and_the_words_to_avoid(co_producer_client, project):
    page = co_producer_client.get(words_url(project)).content.decode()
    assert "What our words mean" in page
    assert "lived experience" in page
    assert "Instead of “stakeholder”, we say “co-producer”." in page


def test_the_project_nav_and_home_link_to_our_words(co_producer_client, project):
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert home.count(f'href="{words_url(project)}"') == 2


def test_any_member_adds_a_term(co_producer_client, co_producer, project):
    response = co_producer_client.post(
        words_url(project, "term_add"), {"term": "  drop-in ", "meaning": "Our Thursday session."}
    )
    added = term(project, "drop-in")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#term-{added.pk}")
    assert added.term == "drop-in"
    assert added.created_by == co_producer
    assert added.revisions.get().meaning == "Our Thursday session."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"term": "REMIT", "meaning": "Something else."}, "is already in the glossary"),
        ({"term": "drop-in", "meaning": "   "}, "Write what it means"),
        ({"term": "", "meaning": "A meaning."}, "Write the word or phrase."),
        ({"term": "x" * 61, "meaning": "A meaning."}, "60 characters at most. You have 61."),
        ({"term": "drop-in", "meaning": "x" * 601}, "600 characters at most. You have 601."),
    ],
)
def test_a_bad_term_gets_a_message_and_saves_nothing(co_producer_client, project, data, message):
    before = Term.objects.count(), TermRevision.objects.count(), Activity.objects.count()
    response = co_producer_client.post(words_url(project, "term_add"), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert "There is a problem" in response.content.decode()
    assert (Term.objects.count(), TermRevision.objects.count(), Activity.objects.count()) == before


def test_the_database_refuses_a_term_twice_in_any_capitals(project, facilitator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(project=project, term="Remit", meaning="Again.")
    # Another project may have its own "remit".
    other = make_project(facilitator, name="Another")
    assert Term.objects.filter(project=other, term="remit").exists()


def test_the_service_says_already_there_when_two_people_add_the_same_term(project, co_producer):
    with pytest.raises(services.AlreadyThere):
        services.term_add(project=project, author=co_producer, term="Remit", meaning="Again.")
    assert Term.objects.filter(project=project, term__iexact="remit").count() == 1


def test_changing_a_meaning_keeps_the_earlier_one(co_producer_client, project, co_producer):
    remit = term(project)
    page = co_producer_client.get(words_url(project, "term_edit", term_id=remit.pk))
    assert page.status_code == 200
    response = co_producer_client.post(
        words_url(project, "term_edit", term_id=remit.pk),
        {"term": "remit", "meaning": "What we can change.", "version": remit.version},
    )
    assert response.status_code == 302
    remit.refresh_from_db()
    assert remit.meaning == "What we can change."
    assert remit.version == 2
    assert [r.version for r in remit.revisions.all()] == [2, 1]
    history = co_producer_client.get(words_url(project, "term_history", term_id=remit.pk))
    assert "What we can change." in history.content.decode()
    assert str(COMMON_TERMS[2][1]) in history.content.decode().replace("&#x27;", "'")


def test_a_change_someone_else_saved_first_is_a_conflict_not_a_loss(co_producer_client, project):
    remit = term(project)
    services.term_edit(
        item=remit, editor=None, base_version=1, term="remit", meaning="Their words."
    )
    response = co_producer_client.post(
        words_url(project, "term_edit", term_id=remit.pk),
        {"term": "remit", "meaning": "My words.", "version": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "My words." in page and "Their words." in page
    assert term(project).meaning == "Their words."


def test_a_term_cannot_be_renamed_to_another_terms_name(co_producer_client, project):
    remit = term(project)
    response = co_producer_client.post(
        words_url(project, "term_edit", term_id=remit.pk),
        {"term": "Benchmark", "meaning": "x", "version": remit.version},
    )
    assert response.status_code == 400
    assert "already in the glossary" in response.content.decode()


def test_any_member_removes_a_term(co_producer_client, project):
    remit = term(project)
    response = co_producer_client.post(words_url(project, "term_remove", term_id=remit.pk))
    assert response.status_code == 302
    assert not Term.objects.filter(pk=remit.pk).exists()
    assert Activity.objects.filter(project=project, kind="term_removed", detail="remit").exists()


def test_a_term_of_another_project_is_not_found(co_producer_client, project, facilitator):
    other = make_project(facilitator, name="Another")
    theirs = term(other)
    for name in ("term_edit", "term_history"):
        assert (
            co_producer_client.get(words_url(project, name, term_id=theirs.pk)).status_code == 404
        )
    response = co_producer_client.post(words_url(project, "term_remove", term_id=theirs.pk))
    assert response.status_code == 404
    assert Term.objects.filter(pk=theirs.pk).exists()


def test_words_to_avoid_are_added_changed_and_removed(co_producer_client, project):
    response = co_producer_client.post(
        words_url(project, "avoid_add"), {"word": "client", "instead": "person who comes"}
    )
    assert response.status_code == 302
    client_word = AvoidWord.objects.get(project=project, word="client")
    duplicate = co_producer_client.post(
        words_url(project, "avoid_add"), {"word": "CLIENT", "instead": "x"}
    )
    assert duplicate.status_code == 400
    assert AvoidWord.objects.filter(project=project, word__iexact="client").count() == 1
    empty = co_producer_client.post(words_url(project, "avoid_add"), {"word": "patient"})
    assert empty.status_code == 400
    assert "Write what the group says instead." in empty.content.decode()
    co_producer_client.post(
        words_url(project, "avoid_edit", avoid_id=client_word.pk),
        {"word": "client", "instead": "visitor", "version": client_word.version},
    )
    assert AvoidWord.objects.get(pk=client_word.pk).instead == "visitor"
    co_producer_client.post(words_url(project, "avoid_remove", avoid_id=client_word.pk))
    assert not AvoidWord.objects.filter(pk=client_word.pk).exists()


def test_a_completed_project_keeps_its_words_as_they_were(co_producer_client, project):
    project.completed_at = project.created_at
    project.save(update_fields=["completed_at"])
    page = co_producer_client.get(words_url(project)).content.decode()
    assert "Add the word" not in page
    response = co_producer_client.post(
        words_url(project, "term_add"), {"term": "drop-in", "meaning": "x"}
    )
    assert response.status_code == 403
    assert not Term.objects.filter(project=project, term="drop-in").exists()


# -- marking the group's words where they appear ----------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.terms: list[dict] = []
        self.ids: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "term" in (attrs.get("class") or "").split():
            self.terms.append(attrs)
        if tag == "script" and "src" not in attrs:
            self.scripts += 1


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def test_a_note_with_markup_and_a_term_is_escaped_and_the_term_marked(
    co_producer_client, project, co_producer
):
    mark = first_mark(project)
    add_note(mark, co_producer, '<script>alert("remit")</script> Is this in our remit?')
    html = co_producer_client.get(mark_url(mark)).content.decode()
    assert "&lt;script&gt;alert(&quot;" in html
    assert "<script>alert" not in html
    remit = term(project)
    links = parse(html)
    marked = [a for a in links.terms if a["href"] == f"#term-{remit.pk}"]
    # Once per note is enough: the first "remit" (inside the escaped quotes) is the one.
    assert len(marked) == 1
    assert marked[0]["aria-describedby"] == f"term-{remit.pk}-meaning"
    assert f"term-{remit.pk}-meaning" in links.ids
    assert f"term-{remit.pk}" in links.ids
    assert f"term-{remit.pk}-use" in links.ids
    assert links.scripts == 0
    assert "Words on this page" in html


def test_terms_are_found_as_whole_words_in_any_capitals_and_longest_first(
    co_producer_client, project, co_producer
):
    services.term_add(project=project, author=co_producer, term="experience", meaning="x")
    mark = first_mark(project)
    add_note(mark, co_producer, "Remitted benchmarking: snakeskin.")
    add_note(mark, co_producer, "Our REMIT, the facilitator's LADDERS.")
    add_note(mark, co_producer, "Lived  experience counts.")
    html = co_producer_client.get(mark_url(mark)).content.decode()
    notes = re.findall(r'<p class="note__text">(.*?)</p>', html, re.S)
    by_text = {re.sub(r"<[^>]+>", "", n): n for n in notes}
    assert 'class="term"' not in by_text["Remitted benchmarking: snakeskin."]
    marked = by_text["Our REMIT, the facilitator&#x27;s LADDERS."]
    assert re.search(r'<a class="term"[^>]*>REMIT</a>', marked)
    assert re.search(r'<a class="term"[^>]*>facilitator&#x27;s</a>', marked)
    assert re.search(r'<a class="term"[^>]*>LADDERS</a>', marked)
    lived = by_text["Lived  experience counts."]
    assert re.search(r'<a class="term"[^>]*>Lived  experience</a>', lived)
    assert lived.count('class="term"') == 1


def test_a_term_is_never_found_inside_an_escaped_character(
    co_producer_client, project, co_producer
):
    services.term_add(project=project, author=co_producer, term="amp", meaning="x")
    services.term_add(project=project, author=co_producer, term="quot", meaning="x")
    mark = first_mark(project)
    add_note(mark, co_producer, 'Fish & chips, "quoted".')
    html = co_producer_client.get(mark_url(mark)).content.decode()
    assert "Fish &amp; chips, &quot;quoted&quot;." in html


def test_terms_are_marked_in_aims_rules_updates_explanations_and_post_its(
    facilitator_client, project, facilitator, co_producer
):
    project.purpose = "Decide what is in our remit."
    project.save(update_fields=["purpose"])
    ground_rule_add(project=project, author=co_producer, text="The facilitator keeps time.")
    mark = first_mark(project)
    mark.explanation = "Say what the benchmark means."
    mark.save(update_fields=["explanation"])
    lake_services.postit_add(
        project=project,
        author=co_producer,
        text="A ladders idea",
        place="planning",
        colour="yellow",
    )
    from projects.models import Update

    Update.objects.create(
        project=project, author=facilitator, title="News", body="Lived experience"
    )
    pages = {
        reverse("projects:home", args=[project.pk]): ["remit", "facilitator", "Lived experience"],
        reverse("rules:rules", args=[project.pk]): ["facilitator"],
        mark_url(mark): ["benchmark"],
        reverse("lake:board", args=[project.pk]): ["ladders"],
        reverse("lake:list", args=[project.pk]): ["ladders"],
        reverse("completing:updates", args=[project.pk]): ["Lived experience"],
        reverse("report:report", args=[project.pk]): ["remit", "ladders"],
    }
    for address, words in pages.items():
        html = facilitator_client.get(address).content.decode()
        for word in words:
            assert re.search(rf'<a class="term"[^>]*>{word}</a>', html), (address, word)
        assert "Words on this page" in html, address


def test_terms_are_marked_in_proposals_their_responses_and_the_decision_log(
    facilitator_client, project, facilitator, co_producer
):
    proposal = decision_services.proposal_add(
        project=project,
        author=co_producer,
        title="Meet at the library",
        reason="It is in our remit.",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    decision_services.proposal_respond(
        proposal=proposal, member=facilitator, answer="concerns", reason="A benchmark first."
    )
    decision_services.proposal_close(proposal=proposal, actor=facilitator)
    decision_services.decision_add(
        project=project,
        actor=facilitator,
        text="The facilitator books the room.",
        how="meeting",
        made_by="",
        say="decided",
        decided_on=timezone.localdate(),
    )
    pages = {
        reverse("proposals:proposal", args=[project.pk, proposal.pk]): ["remit", "benchmark"],
        reverse("decision_log:log", args=[project.pk]): ["facilitator"],
        reverse("report:report", args=[project.pk]): ["facilitator", "benchmark"],
    }
    for address, words in pages.items():
        html = facilitator_client.get(address).content.decode()
        for word in words:
            assert re.search(rf'<a class="term"[^>]*>{word}</a>', html), (address, word)
        assert "Words on this page" in html, address


def test_a_note_added_by_htmx_links_its_terms_to_the_words_page(co_producer_client, project):
    mark = first_mark(project)
    response = co_producer_client.post(
        reverse("marks:note_add", args=[project.pk, mark.pk]),
        {"kind": "ladder", "ladder-text": "Check our remit."},
        headers={"HX-Request": "true"},
    )
    remit = term(project)
    # A swapped-in fragment has no list at its end, so its term opens the "Our words" page.
    assert f'href="{words_url(project)}#term-{remit.pk}"' in response.content.decode()
    assert (
        "aria-describedby" not in re.search(r'<a class="term"[^>]*>', response.content.decode())[0]
    )


def test_pages_without_the_groups_words_have_no_list(co_producer_client, project):
    html = co_producer_client.get(reverse("projects:members", args=[project.pk])).content.decode()
    assert "Words on this page" not in html


def _mark_page_queries(client, mark) -> int:
    with count_queries() as queries:
        assert client.get(mark_url(mark)).status_code == 200
    return len(queries)


def test_the_mark_page_costs_the_same_queries_with_many_terms_and_notes(
    co_producer_client, project, co_producer
):
    """The glossary is one query per page, however many terms and notes there are."""
    mark = first_mark(project)
    add_note(mark, co_producer, "Our remit.")
    _mark_page_queries(co_producer_client, mark)
    small = _mark_page_queries(co_producer_client, mark)
    for i in range(60):
        services.term_add(project=project, author=co_producer, term=f"word{i}", meaning=f"M{i}")
    for i in range(150):
        add_note(mark, co_producer, f"Note {i} about word{i % 60}, our remit and the benchmark.")
    large = _mark_page_queries(co_producer_client, mark)
    assert small == large
    html = co_producer_client.get(mark_url(mark)).content.decode()
    assert html.count('class="term"') >= 150 * 3


def _board_queries(client, project) -> int:
    with count_queries() as queries:
        assert client.get(reverse("lake:board", args=[project.pk])).status_code == 200
    return len(queries)


def test_the_lake_board_costs_the_same_queries_with_many_terms_and_post_its(
    co_producer_client, project, co_producer
):
    lake_services.postit_add(
        project=project, author=co_producer, text="Our remit", place="planning", colour="yellow"
    )
    _board_queries(co_producer_client, project)
    small = _board_queries(co_producer_client, project)
    for i in range(60):
        services.term_add(project=project, author=co_producer, term=f"word{i}", meaning=f"M{i}")
    for i in range(150):
        lake_services.postit_add(
            project=project,
            author=co_producer,
            text=f"Idea {i}: word{i % 60} and the lake of ideas",
            place="water",
            colour="blue",
        )
    assert _board_queries(co_producer_client, project) == small


def test_a_changed_glossary_is_used_on_the_next_page(co_producer_client, project, co_producer):
    mark = first_mark(project)
    add_note(mark, co_producer, "The drop-in on Thursday.")
    assert 'class="term"' not in co_producer_client.get(mark_url(mark)).content.decode()
    services.term_add(project=project, author=co_producer, term="drop-in", meaning="Thursdays.")
    assert 'class="term"' in co_producer_client.get(mark_url(mark)).content.decode()


# -- words we'd rather not use --------------------------------------------------------------


def test_a_note_with_a_word_to_avoid_is_saved_and_the_hint_shown_beside_the_field(
    co_producer_client, project
):
    mark = first_mark(project)
    response = co_producer_client.post(
        reverse("marks:note_add", args=[project.pk, mark.pk]),
        {"kind": "ladder", "ladder-text": "Ask the stakeholders first."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert mark.notes.filter(text="Ask the stakeholders first.").exists()
    page = response.content.decode()
    assert "“stakeholders”: we&#x27;d rather say “co-producer”." in page
    assert "You can still save it." in page


def test_without_javascript_the_hint_comes_with_the_saved_note(co_producer_client, project):
    mark = first_mark(project)
    response = co_producer_client.post(
        reverse("marks:note_add", args=[project.pk, mark.pk]),
        {"kind": "ladder", "ladder-text": "We held an interview."},
        follow=True,
    )
    assert mark.notes.filter(text="We held an interview.").exists()
    page = response.content.decode()
    assert "“interview”: we&#x27;d rather say “conversation”." in page
    assert "Your words were saved as written." in page


def test_a_form_sent_back_with_errors_keeps_the_hint(co_producer_client, project):
    response = co_producer_client.post(
        reverse("lake:add", args=[project.pk]),
        {
            "add-text": "A service user said so " + "x" * 500,
            "add-colour": "yellow",
            "add-place": "planning",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    # "service user" is one phrase: it is not also counted as "user".
    assert "“service user”: we&#x27;d rather say “person who uses the service”." in page
    assert "“user”" not in page


def test_a_proposal_with_a_word_to_avoid_gets_the_hint_and_is_saved(co_producer_client, project):
    address = reverse("proposals:proposal_new", args=[project.pk])
    form = co_producer_client.get(address).content.decode()
    assert 'class="avoid-hint"' in form
    # Sent back for another reason: the hint is beside the field.
    response = co_producer_client.post(
        address, {"title": "", "reason": "Ask the stakeholders.", "way": "consent"}
    )
    assert response.status_code == 400
    assert "“stakeholders”: we&#x27;d rather say “co-producer”." in response.content.decode()
    # Saved without JavaScript: the hint comes with the next page; nothing is held up.
    response = co_producer_client.post(
        address,
        {"title": "Invite the stakeholders", "reason": "", "way": "consent"},
        follow=True,
    )
    assert project.proposals.filter(title="Invite the stakeholders").exists()
    page = response.content.decode()
    assert "“stakeholders”: we&#x27;d rather say “co-producer”." in page
    assert "Your words were saved as written." in page


def test_the_hint_carries_the_list_for_the_script(co_producer_client, project):
    html = co_producer_client.get(reverse("lake:board", args=[project.pk])).content.decode()
    box = re.search(r'<div class="avoid-hint"[^>]*>', html)[0]
    assert 'aria-live="polite"' in box
    assert '"stakeholder": "co-producer"' in box
    assert "data-pattern=" in box


def test_no_hint_where_the_group_has_no_words_to_avoid(co_producer_client, project):
    AvoidWord.objects.filter(project=project).delete()
    html = co_producer_client.get(reverse("lake:board", args=[project.pk])).content.decode()
    assert "avoid-hint" not in html


# -- a person's data and the project file ---------------------------------------------------


def test_a_persons_data_holds_the_terms_they_wrote(project, co_producer):
    services.term_add(project=project, author=co_producer, term="drop-in", meaning="Thursdays.")
    services.term_edit(
        item=term(project), editor=co_producer, base_version=1, term="remit", meaning="Ours."
    )
    services.avoid_add(project=project, author=co_producer, word="client", instead="visitor")
    data = personal_data(co_producer)["words"]
    assert [t["term"] for t in data["glossary_terms_you_added"]] == ["drop-in"]
    assert {w["meaning"] for w in data["glossary_wordings_you_wrote"]} == {"Thursdays.", "Ours."}
    assert data["words_to_avoid_you_added"] == [
        {"project": project.name, "word": "client", "instead": "visitor"}
    ]


def test_the_project_file_holds_the_glossary_and_imports_it_again(project, co_producer):
    services.term_edit(
        item=term(project), editor=co_producer, base_version=1, term="remit", meaning="Ours."
    )
    document = export_project(project)
    glossary = {t["term"]: t for t in document["projects"]["glossary"]}
    assert glossary["remit"]["meaning"] == "Ours."
    assert [h["version"] for h in glossary["remit"]["history"]] == [1, 2]
    assert {w["word"] for w in document["projects"]["words_to_avoid"]} >= {"stakeholder"}
    copy = import_project(document, make_user("Ines"))
    assert term(copy).meaning == "Ours."
    assert term(copy).revisions.count() == 2
    assert AvoidWord.objects.filter(project=copy).count() == len(WORDS_TO_AVOID)
    assert export_project(copy)["projects"]["glossary"] == document["projects"]["glossary"]


def test_a_file_from_before_the_glossary_still_imports(project):
    document = export_project(project)
    del document["projects"]["glossary"]
    del document["projects"]["words_to_avoid"]
    copy = import_project(document, make_user("Ines"))
    assert not Term.objects.filter(project=copy).exists()


def test_deleting_an_account_with_its_words_removes_the_terms_it_added(project, co_producer):
    from sharing.people.services import account_delete

    services.term_add(project=project, author=co_producer, term="drop-in", meaning="Thursdays.")
    services.term_edit(
        item=term(project), editor=co_producer, base_version=1, term="remit", meaning="Ours."
    )
    account_delete(user=co_producer, remove=True, choices={})
    assert not Term.objects.filter(project=project, term="drop-in").exists()
    # A meaning they wrote for the group's own term stays, as "A former member"'s words.
    assert term(project).meaning == "Ours."
