"""The report and a certificate, printed to PDF in real Chromium.

Each page passes axe on screen; then, in print media, its charts are drawn, no
text runs out of its box, and the PDF is A4 with the words a reader needs on a
sensible number of pages.
"""

import pytest
from django.core.management import call_command

from accounts.models import User
from lake import services as lake_services
from lake.models import PostIt
from marks.actions import selectors
from projects.models import Membership, Project

from .browser import check, no_sideways_scroll
from .printing import assert_a4, pdf_of, text_of

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "co-produce-demo"
# The width of A4 paper less the print stylesheet's side margins, in CSS pixels.
A4_CONTENT_WIDTH = 672
LONG_WORD = "Co-production" * 3 + "isbestwhenwordswrapratherthanrunningoffthepage" * 3


@pytest.fixture
def demo(settings) -> Project:
    """The demo project, as ``manage.py demo`` makes it, plus one very long word."""
    settings.DEBUG = True
    call_command("demo")
    settings.DEBUG = False
    project = Project.objects.get(name="Our community mental health drop-in")
    sam = User.objects.get(email="sam@example.org")
    lake_services.postit_add(
        project=project, author=sam, text=LONG_WORD, place="planning", colour="yellow"
    )
    return project


def sign_in_as(browser, email: str) -> None:
    browser.sign_in(User.objects.get(email=email), password=DEMO_PASSWORD)


def overflowing(page, root: str) -> list[str]:
    """Elements inside ``root`` whose content is wider than their box, in print media."""
    return page.evaluate(
        """(root) => Array.from(document.querySelectorAll(root + ' *'))
            .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.tagName + '.' + el.className + ': ' + el.scrollWidth + '>' + el.clientWidth)""",
        root,
    )


@pytest.mark.django_db(transaction=True)
def test_the_report_of_the_demo_project_prints_to_a_few_readable_a4_pages(browser, demo, axe):
    latest = next(
        m.latest for s in selectors.benchmark(demo) for m in s.marks if m.latest is not None
    )
    sign_in_as(browser, "amina@example.org")
    page = browser.page
    page.goto(f"/projects/{demo.pk}/report/")
    check(page, axe)
    # With JavaScript, the print button shows and the hint to use the browser's Print hides.
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert not page.locator("[data-print-hint]").is_visible()
    no_sideways_scroll(page)

    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    charts = page.locator("svg.trend-chart__svg")
    assert charts.count() >= 4
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.evaluate("el => getComputedStyle(el).display") != "none"
        box = chart.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
    # Menus and buttons are left off the paper.
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".project-nav").is_visible()
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert overflowing(page, "#report") == []

    reader = pdf_of(page)
    assert_a4(reader)
    assert 1 < len(reader.pages) < 20, len(reader.pages)
    text = text_of(reader)
    assert demo.name in text
    assert f"Agreed score: {latest.agreed_value} out of 10" in text
    assert latest.mark.title in text
    assert "Meet somewhere with step-free access and good buses." in text
    assert "Anonymous" in text


@pytest.mark.django_db(transaction=True)
def test_a_certificate_prints_on_one_a4_page(browser, demo, axe):
    amina = User.objects.get(email="amina@example.org")
    Membership.objects.filter(project=demo, user=amina).update(
        certificate_line="Amina made sure every new member had someone to sit with."
    )
    # The facilitator's view has the form for the personal line: it too must pass axe.
    sign_in_as(browser, "sam@example.org")
    page = browser.page
    page.goto(f"/projects/{demo.pk}/certificates/{amina.pk}/")
    check(page, axe)
    no_sideways_scroll(page)

    page.emulate_media(media="print")
    assert not page.locator("form.certificate-line-form, .certificate-line-form").is_visible()
    assert overflowing(page, "#certificate") == []
    reader = pdf_of(page)
    assert_a4(reader)
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "Certificate of contribution" in text
    assert "Amina" in text
    assert demo.name in text
    postits = PostIt.objects.filter(project=demo, author=amina, deleted_at=None).count()
    assert postits > 1
    assert f"Added {postits} post-its to the lake of ideas." in text
    assert "every new member had someone to sit with" in text
    assert "Save the personal line" not in text


@pytest.mark.django_db(transaction=True)
def test_a_member_sees_their_own_certificate_pass_axe(browser, demo, axe):
    sign_in_as(browser, "jo@example.org")
    page = browser.page
    page.goto(f"/projects/{demo.pk}/")
    page.get_by_role("link", name="Your certificate of contribution").click()
    check(page, axe)
    assert page.locator(".certificate__name").inner_text() == "Jo"
