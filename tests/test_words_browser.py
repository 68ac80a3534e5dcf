"""Browser journeys for the group's words, in real Chromium.

A glossary term in a note opens its meaning by keyboard and is read with its meaning by a
screen reader; writing "stakeholders" in a note brings the gentle hint while typing; axe on
every page of "Our words".
"""

import re

import pytest
from playwright.sync_api import expect

from marks import services as mark_services
from marks.models import Mark
from words import services
from words.models import Term

from .browser import check, open_in_place, press_tab_until

pytestmark = pytest.mark.browser


def first_mark(project) -> Mark:
    return Mark.objects.filter(project=project, hidden=False).order_by("stage", "position").first()


@pytest.mark.django_db(transaction=True)
def test_a_term_in_a_note_opens_its_meaning_by_keyboard_and_is_read_with_it(
    browser, project, co_producer, axe
):
    mark = first_mark(project)
    mark_services.note_add(
        mark=mark, author=co_producer, kind="ladder", text="Is the building in our remit?"
    )
    remit = Term.objects.get(project=project, term="remit")
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    check(page, axe)

    link = page.locator(".note__text a.term")
    # A screen reader hears the word, then its meaning, without leaving the note.
    expect(link).to_have_accessible_name("remit")
    expect(link).to_have_accessible_description(re.compile(r"^What this group is able to change"))

    press_tab_until(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"#term-{remit.pk}$"))
    entry = page.locator(f"#term-{remit.pk}")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("What this group is able to change")

    # "Back" returns to the word in the note.
    back = entry.get_by_role("link", name=re.compile("^Back"))
    expect(back).to_have_accessible_name(re.compile(r"^Back\s*to where “remit” first appears$"))
    press_tab_until(page, back)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"#term-{remit.pk}-use$"))
    expect(link).to_be_in_viewport()


@pytest.mark.django_db(transaction=True)
def test_writing_stakeholders_in_a_note_shows_the_hint_and_still_saves(
    browser, project, co_producer, axe
):
    mark = first_mark(project)
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    open_in_place(page.locator("#notes-ladder"), "Add a ladder")
    box = page.locator("#notes-ladder textarea")
    hint = page.locator(f"#{box.get_attribute('id')}-words")
    expect(hint).to_have_attribute("aria-live", "polite")
    box.focus()
    page.keyboard.type("We should ask the stakeholders")
    expect(hint).to_contain_text("“stakeholders”: we'd rather say “co-producer”.")
    expect(hint).to_contain_text("You can still save it.")
    # Taking the word out takes the hint away.
    for _ in range(len("stakeholders")):
        page.keyboard.press("Backspace")
    page.keyboard.type("co-producers")
    expect(hint).to_have_text("")

    page.keyboard.press("Control+A")
    page.keyboard.type("Ask the stakeholders what they think.")
    press_tab_until(page, page.locator("#notes-ladder button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page.locator("#notes-ladder .note__text")).to_contain_text(
        "Ask the stakeholders what they think."
    )
    assert mark.notes.filter(text="Ask the stakeholders what they think.").exists()
    expect(page.locator("#notes-ladder .avoid-hint")).to_contain_text("we'd rather say")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_our_words_pages_pass_axe_and_a_term_is_added_by_keyboard(
    browser, project, co_producer, axe
):
    remit = Term.objects.get(project=project, term="remit")
    services.term_edit(
        item=remit, editor=co_producer, base_version=1, term="remit", meaning="What we can change."
    )
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/words/")
    check(page, axe)

    press_tab_until(page, page.get_by_label("The word or phrase"))
    page.keyboard.type("drop-in")
    press_tab_until(page, page.get_by_label("What it means, in plain words"))
    page.keyboard.type("Our Thursday afternoon session.")
    press_tab_until(page, page.get_by_role("button", name="Add the word").first)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("“drop-in” is in the glossary.")
    assert Term.objects.filter(project=project, term="drop-in").exists()

    # A term already there (in other capitals) is refused with the reason read first.
    press_tab_until(page, page.get_by_label("The word or phrase"))
    page.keyboard.type("REMIT")
    page.get_by_label("What it means, in plain words").fill("Again.")
    page.get_by_role("button", name="Add the word").first.click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("is already in the glossary")
    expect(summary).to_be_focused()
    check(page, axe)

    page.goto(f"/projects/{project.pk}/words/{remit.pk}/edit/")
    check(page, axe)
    page.goto(f"/projects/{project.pk}/words/{remit.pk}/history/")
    check(page, axe)
    avoid = project.avoid_words.first()
    page.goto(f"/projects/{project.pk}/words/avoid/{avoid.pk}/edit/")
    check(page, axe)
