"""The app in Welsh, in real Chromium: chosen by keyboard from the header, and the demo's
main pages in Welsh passing axe, with one h1, a Welsh title and no sideways scrolling."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts.models import User
from checkins import services as checkin_services
from marks.models import Mark, ScoringRound
from sharing.demo import PASSWORD, demo_create

from .browser import fits_320, press_tab_until

pytestmark = pytest.mark.browser


def welsh(message: str) -> str:
    with translation.override("cy"):
        words = gettext(message)
    assert words != message
    return words


def check_welsh_page(page, axe) -> None:
    assert page.locator("html").get_attribute("lang") == "cy", page.url
    assert page.locator("h1").count() == 1, f"{page.url} should have exactly one h1"
    title = page.title()
    name = welsh("Mark of co-production")
    assert title == name or title.endswith(" – " + name), f"{page.url}: {title!r}"
    axe(page)
    fits_320(page)


@pytest.mark.django_db(transaction=True)
def test_a_visitor_chooses_welsh_from_the_header_by_keyboard_and_back(browser, axe):
    page = browser.page
    page.goto("/")
    button = page.get_by_role("button", name="Cymraeg")
    press_tab_until(page, button)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert page.url.endswith("/")
    expect(
        page.get_by_role("navigation").get_by_role("link", name=welsh("Sign in"))
    ).to_be_visible()
    check_welsh_page(page, axe)
    # The way back is in the same place, in English.
    english = page.get_by_role("button", name="English")
    press_tab_until(page, english)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")


@pytest.mark.django_db(transaction=True)
def test_the_demos_main_pages_in_welsh_pass_axe(browser, axe):
    project = demo_create()
    amina = User.objects.get(email="amina@example.org")
    amina.save_language("cy")
    sam = User.objects.get(email="sam@example.org")
    checkin = checkin_services.checkin_start(project=project, actor=sam)
    mark = Mark.objects.filter(project=project, notes__isnull=False).order_by("pk").first()
    page = browser.page
    page.set_viewport_size({"width": 1280, "height": 800})
    browser.sign_in(amina, PASSWORD)
    pages = [
        reverse("projects:list"),
        reverse("projects:home", args=[project.pk]),
        reverse("marks:mark", args=[project.pk, mark.pk]),
        reverse("lake:board", args=[project.pk]),
        reverse("lake:list", args=[project.pk]),
        reverse("actions:benchmark", args=[project.pk]),
        reverse("checkins:checkin", args=[project.pk, checkin.pk]),
        reverse("meetings:meetings", args=[project.pk]),
        reverse("accounts:profile"),
        reverse("language:choose"),
        # This issue's own pages: taking part, a break, words added for someone.
        reverse("taking_part:mine", args=[project.pk]),
        reverse("breaks:take", args=[project.pk]),
        reverse("people:words_for_you"),
    ]
    open_round = ScoringRound.objects.filter(mark__project=project, status="open").first()
    if open_round is not None:
        pages.append(reverse("scoring:score_for", args=[project.pk, open_round.pk]))
    for path in pages:
        page.goto(path)
        check_welsh_page(page, axe)
    # The mark's own words came from the library in English (the demo was made in English)
    # but everything around them is Welsh.
    page.goto(reverse("marks:mark", args=[project.pk, mark.pk]))
    expect(page.get_by_role("link", name=welsh("Your projects"))).to_be_visible()
