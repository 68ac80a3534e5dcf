"""Browser journeys through the stage and mark pages, in real Chromium.

A member talks about a mark by keyboard alone (with htmx), the same without
JavaScript, and axe on every marks page, empty and full.
"""

import pytest
from playwright.sync_api import expect

from marks import services
from marks.models import Mark, Note
from projects.stages import Stage

from .browser import check, open_in_place, press_tab_until
from .factories import PASSWORD, make_mark

pytestmark = pytest.mark.browser

TITLE = "Share the paperwork fairly"


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def own_mark(project, author, stage=Stage.PROCESS, title=TITLE) -> Mark:
    explanation = "Nobody should be left doing all the forms.\n\nTake turns."
    return make_mark(project, author, stage, title, explanation)


def stage_url(project, stage) -> str:
    return f"/projects/{project.pk}/stages/{stage}/"


@pytest.mark.django_db(transaction=True)
def test_a_member_talks_about_a_mark_by_keyboard_alone(
    browser, project, facilitator, co_producer, axe
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    own_mark(project, facilitator)
    page = browser.page
    browser.sign_in(co_producer)

    # Open a stage from the stage navigation.
    page.goto(stage_url(project, Stage.PLANNING.value))
    press_tab_until(page, page.get_by_role("link", name="Process", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Process")
    check(page, axe)

    # Open a mark.
    press_tab_until(page, page.get_by_role("link", name=TITLE))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(page, axe)
    page.evaluate("window.__stillHere = true")

    # Add a ladder: one button opens its form in place, with the cursor in it; the ladder
    # appears in place, and focus moves to it.
    assert page.get_by_label("A ladder your group has").is_hidden()
    press_tab_until(page, page.locator("summary", has_text="Add a ladder"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("A ladder your group has")).to_be_focused()
    page.keyboard.type("We take turns with the forms.")
    press_tab_until(page, page.get_by_role("button", name="Add the ladder"))
    page.keyboard.press("Enter")
    ladder_item = page.locator("#notes-ladder li.note")
    expect(ladder_item).to_contain_text("We take turns with the forms.")
    ladder = Note.objects.get(kind=Note.Kind.LADDER)
    expect(page.locator(f"#note-{ladder.pk}")).to_be_focused()
    expect(ladder_item).to_contain_text("Cora Coproducer")

    # Add an anonymous snake.
    snakes = page.locator("#notes-snake")
    press_tab_until(page, snakes.locator("summary", has_text="Add a snake"))
    page.keyboard.press("Enter")
    expect(snakes.get_by_label("A snake that might lie in wait")).to_be_focused()
    page.keyboard.type("One person ends up doing it all.")
    press_tab_until(page, snakes.get_by_label("Add this note anonymously"))
    page.keyboard.press("Space")
    press_tab_until(page, page.get_by_role("button", name="Add the snake"))
    page.keyboard.press("Enter")
    expect(snakes.locator("li.note")).to_contain_text("Anonymous")
    snake = Note.objects.get(kind=Note.Kind.SNAKE)
    assert snake.author_id is None and snake.is_anonymous
    expect(page.locator(f"#note-{snake.pk}")).to_be_focused()

    # Edit the ladder in place.
    press_tab_until(page, ladder_item.get_by_role("link", name="Change"))
    page.keyboard.press("Enter")
    textarea = ladder_item.get_by_label("Your note")
    expect(textarea).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("We take turns with the forms, and pair up.")
    press_tab_until(page, page.get_by_role("button", name="Save the change"))
    page.keyboard.press("Enter")
    expect(ladder_item).to_contain_text("and pair up.")
    expect(page.locator(f"#note-{ladder.pk}")).to_be_focused()
    ladder.refresh_from_db()
    assert ladder.version == 2

    # Delete it, then undo.
    press_tab_until(page, ladder_item.get_by_role("button", name="Delete"))
    page.keyboard.press("Enter")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    expect(page.locator("#notes-ladder li.note")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(page.locator(f"#note-{ladder.pk}")).to_be_focused()
    expect(ladder_item).to_contain_text("and pair up.")
    ladder.refresh_from_db()
    assert ladder.deleted_at is None

    # All of it happened on one page, without a reload.
    assert page.evaluate("window.__stillHere === true")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_notes_work_as_plain_forms_without_javascript(
    chromium, live_server, project, facilitator, co_producer
):
    mark = own_mark(project, facilitator)
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(co_producer.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

        page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
        # The form opens in place without any script.
        open_in_place(page, "Add a ladder")
        page.get_by_role("button", name="Add the ladder").click()
        expect(page.get_by_text("There is a problem")).to_be_visible()
        expect(page.locator("#notes-ladder .error-message")).to_have_text(
            "Write your note before adding it."
        )
        page.get_by_label("A ladder your group has").fill("<script>alert(1)</script> tea")
        page.get_by_role("button", name="Add the ladder").click()
        expect(page.get_by_text("Your note has been added.")).to_be_visible()
        expect(page.locator("#notes-ladder li.note")).to_contain_text("<script>alert(1)</script>")
        page.get_by_role("button", name="Delete").click()
        expect(page.locator("#notes-ladder li.note")).to_have_count(0)
        page.get_by_role("button", name="Undo").click()
        expect(page.locator("#notes-ladder li.note")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_every_marks_page_passes_axe_empty_and_full(
    browser, project, facilitator, co_producer, axe
):
    page = browser.page
    browser.sign_in(co_producer)
    # Empty: a stage with no marks, and a mark with no notes.
    Mark.objects.filter(project=project, stage=Stage.REVIEW).delete()
    for address in [stage_url(project, Stage.REVIEW.value)]:
        assert page.goto(address).status == 200
        check(page, axe)
    mark = own_mark(project, facilitator, stage=Stage.REVIEW)
    pages = [
        f"/projects/{project.pk}/marks/{mark.pk}/",
        f"/projects/{project.pk}/marks/{mark.pk}/reword/",
    ]
    for address in pages:
        assert page.goto(address).status == 200
        check(page, axe)

    # Full: several marks, one hidden, notes of every kind, changed wording.
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    other = own_mark(project, co_producer, stage=Stage.REVIEW, title="Celebrate " * 15)
    hidden = own_mark(project, facilitator, stage=Stage.REVIEW, title="Hidden away")
    services.mark_set_hidden(mark=hidden, actor=facilitator, hidden=True)
    services.mark_reword(
        mark=mark, editor=co_producer, base_version=1, title=TITLE + " together", explanation=""
    )
    notes = []
    for kind in Note.Kind:
        notes.append(services.note_add(mark=mark, author=co_producer, kind=kind, text="Ours."))
        services.note_add(mark=mark, author=facilitator, kind=kind, text="Theirs " * 40)
        services.note_add(mark=mark, author=co_producer, kind=kind, text="Quietly.", anonymous=True)
    services.note_edit(note=notes[0], base_version=1, text="Ours, changed.")
    library_mark = Mark.objects.filter(project=project).exclude(library_key="").first()
    pages = [
        stage_url(project, Stage.REVIEW.value),
        f"/projects/{project.pk}/marks/{mark.pk}/",
        f"/projects/{project.pk}/marks/{mark.pk}/reword/",
        f"/projects/{project.pk}/marks/{mark.pk}/history/",
        f"/projects/{project.pk}/marks/{other.pk}/",
        f"/projects/{project.pk}/marks/{hidden.pk}/",
        f"/projects/{project.pk}/notes/{notes[0].pk}/edit/",
        f"/projects/{project.pk}/notes/{notes[0].pk}/history/",
        f"/projects/{project.pk}/marks/{mark.pk}/?deleted=0",
    ]
    if library_mark is not None:
        pages.append(f"/projects/{project.pk}/marks/{library_mark.pk}/")
    for address in pages:
        assert page.goto(address).status == 200, address
        check(page, axe)

    # Error states: a bad note, and a mark without words.
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    open_in_place(page.locator("#notes-snake"), "Add a snake")
    page.locator("#notes-snake").get_by_role("button", name="Add the snake").click()
    expect(page.locator("#notes-snake .error-summary")).to_be_focused()
    check(page, axe)
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/reword/")
    page.get_by_label("The mark, in a few words").fill("")
    page.get_by_role("button", name="Save the new wording").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page, axe)
