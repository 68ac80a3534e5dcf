"""Browser journey for words given another way, by keyboard alone, in real Chromium.

A facilitator adds a note and a score for a co-producer who said others may add for them
(she gave them on the phone and in a one-to-one); the co-producer then finds both in her
account. axe runs on every page on the way.
"""

import pytest
from playwright.sync_api import expect

from marks.models import Note, Score
from marks.scoring import services as scoring
from projects.on_behalf.models import Via

from .browser import check_page, is_focused, keyboard_sign_in, press_tab_until
from .factories import allow_words_on_behalf, marks_of

pytestmark = pytest.mark.browser

WORDS = "A quiet room to go to when it gets too much."


@pytest.mark.django_db(transaction=True)
def test_a_facilitator_adds_a_note_and_a_score_for_a_co_producer_who_sees_them(
    new_browser, axe, project, facilitator, co_producer
):
    allow_words_on_behalf(project, co_producer)
    mark = marks_of(project)[0]
    scoring_round = scoring.round_open(mark=mark, actor=facilitator)

    fran = new_browser()
    page = fran.page
    keyboard_sign_in(page, facilitator.email)
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    check_page(page, axe)

    # The note: her words, whose they are, and how they reached the facilitator. The ladder's
    # form opens in place from its button, with the cursor in its box.
    press_tab_until(page, page.locator("#notes-ladder summary", has_text="Add a ladder"))
    page.keyboard.press("Enter")
    box = page.get_by_label("A ladder your group has")
    if not is_focused(box):
        press_tab_until(page, box)
    page.keyboard.type(WORDS)
    whose = page.locator("#id_ladder-for_whom")
    press_tab_until(page, whose)
    # Typing on a list picks the choice that starts with those letters.
    page.keyboard.type("Cora")
    expect(whose).to_have_value(str(co_producer.pk))
    how = page.locator("#id_ladder-given_via")
    press_tab_until(page, how)
    page.keyboard.type("one")
    expect(how).to_have_value(Via.ONE_TO_ONE)
    press_tab_until(page, page.get_by_role("button", name="Add the ladder"))
    page.keyboard.press("Enter")
    note_meta = page.locator(".note", has_text=WORDS)
    expect(note_meta).to_contain_text("Cora Coproducer (given to Fran Facilitator one-to-one)")
    note = Note.objects.get(text=WORDS)
    assert (note.author, note.added_by) == (co_producer, facilitator)
    check_page(page, axe)

    # The score she gave on the phone, on its own page.
    link = page.get_by_role("link", name="Add a score someone gave you another way")
    press_tab_until(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a score someone gave you")
    check_page(page, axe)
    whose = page.get_by_label("Whose score is this?")
    press_tab_until(page, whose)
    page.keyboard.type("Cora")
    expect(whose).to_have_value(str(co_producer.pk))
    how = page.get_by_label("How did their words reach you?")
    press_tab_until(page, how)
    page.keyboard.type("by p")
    expect(how).to_have_value(Via.PHONE)
    seven = page.get_by_label("7", exact=True)
    press_tab_until(page, page.get_by_label("1", exact=True))
    for _ in range(6):
        page.keyboard.press("ArrowDown")
    assert is_focused(seven)
    expect(seven).to_be_checked()
    press_tab_until(page, page.get_by_role("button", name="Save their score"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("The score Cora Coproducer gave you is saved.")).to_be_visible()
    # Counted like any other; the facilitator's own score is still to give.
    expect(page.locator(".round-progress")).to_contain_text("1 of 2")
    score = Score.objects.get(round=scoring_round)
    assert (score.member, score.value, score.given_via) == (co_producer, 7, Via.PHONE)

    # The co-producer finds both in her account.
    cora = new_browser()
    page = cora.page
    keyboard_sign_in(page, co_producer.email)
    page.goto("/account/")
    press_tab_until(
        page,
        page.get_by_role("link", name="See the words and scores that other members added for you"),
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Words added for you")
    expect(page.locator("main")).to_contain_text(WORDS)
    expect(page.locator("main")).to_contain_text("Given to Fran Facilitator one-to-one")
    expect(page.locator("main")).to_contain_text("Given to Fran Facilitator by phone")
    check_page(page, axe)
    # She can follow it to change the note herself.
    press_tab_until(page, page.get_by_role("link", name="Change or delete it on the mark’s page"))
    page.keyboard.press("Enter")
    expect(page.locator(f"#note-{note.pk}")).to_contain_text(WORDS)
