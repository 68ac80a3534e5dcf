"""Browser journey for staying in touch, project updates and thank-yous, in real Chromium.

A co-producer opts in; a facilitator sends an update, which is emailed only to
those who opted in, with the opening line and a stop link that works; a member
thanks another. axe runs on every new page, and none scrolls sideways at 320px.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from projects.models import Membership, UpdateDelivery

from .browser import check_page
from .factories import add_member, make_user

pytestmark = pytest.mark.browser

OPENING = "No need to read this if you are busy."


@pytest.mark.django_db(transaction=True)
def test_opting_in_getting_an_update_stopping_it_and_saying_thanks(
    new_browser, axe, project, facilitator, co_producer, mailoutbox
):
    add_member(project, make_user("Quinn Quiet", "quinn@example.org"))

    # A co-producer is asked on the project home, and says yes to updates.
    cora = new_browser()
    cora.sign_in(co_producer)
    page = cora.page
    page.goto(f"/projects/{project.pk}/")
    check_page(page, axe)
    page.get_by_role("link", name="Make your choice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying in touch")
    check_page(page, axe)
    page.get_by_label("Send me updates about what happens after the project").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your choices have been saved.")).to_be_visible()
    expect(page.get_by_text("Would you like to stay in touch?")).to_have_count(0)

    # The facilitator sees who said yes, and writes an update.
    fran = new_browser()
    fran.sign_in(facilitator)
    page = fran.page
    page.goto(f"/projects/{project.pk}/stay-in-touch/")
    expect(page.locator("#said-yes-heading + p + h3 + ul")).to_contain_text("Cora Coproducer")
    check_page(page, axe)
    page.get_by_role("link", name="Updates", exact=True).click()
    check_page(page, axe)
    page.get_by_label("Title").fill("What our work led to")
    page.get_by_label("What you want to tell the group").fill("The drop-in now opens on Saturdays.")
    page.get_by_role("button", name="Share the update").click()
    expect(page.get_by_text("Your update has been shared.")).to_be_visible()
    expect(page.get_by_role("heading", name="What our work led to")).to_be_visible()
    check_page(page, axe)

    # Only the co-producer who opted in got the email, opening with the plain reassurance.
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    body = mailoutbox[0].body
    assert body.startswith(OPENING)
    assert UpdateDelivery.objects.filter(user=co_producer).count() == 1

    # The stop link works for someone who is not signed in.
    stop = re.search(r"http://\S+/stop-emails/\S+/", body).group(0)
    stranger = new_browser()
    page = stranger.page
    page.goto(urlsplit(stop).path)
    check_page(page, axe)
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You will not get any more update emails"
    )
    check_page(page, axe)
    assert not Membership.objects.get(user=co_producer, project=project).stay_in_touch

    # A changed link gets a clear page, not an error.
    response = page.goto(urlsplit(stop).path[:-4] + "xyz/")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    check_page(page, axe)

    # The co-producer thanks the facilitator; it shows on the home and on her own page.
    page = cora.page
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="Thank-yous", exact=True).click()
    check_page(page, axe)
    page.get_by_label("Who you want to thank").select_option(label="Fran Facilitator")
    page.get_by_label("Your message").fill("Thank you for keeping us all going.")
    page.get_by_role("button", name="Share my thank-you").click()
    expect(page.get_by_text("Your thank-you has been shared.")).to_be_visible()
    check_page(page, axe)

    page = fran.page
    page.goto(f"/projects/{project.pk}/")
    expect(page.locator("#thanks-heading").locator("..")).to_contain_text(
        "Thank you for keeping us all going."
    )
    page.goto("/thanks/")
    expect(page.get_by_text("Thank you for keeping us all going.")).to_be_visible()
    check_page(page, axe)


@pytest.mark.django_db(transaction=True)
def test_bad_input_shows_an_error_summary_that_passes_axe(browser, axe, project, facilitator):
    browser.sign_in(facilitator)
    page = browser.page
    page.goto(f"/projects/{project.pk}/updates/")
    page.get_by_role("button", name="Share the update").click()
    expect(page.get_by_role("alert")).to_contain_text("Write the update before you send it.")
    check_page(page, axe)
    page.goto(f"/projects/{project.pk}/thanks/")
    page.get_by_role("button", name="Share my thank-you").click()
    expect(page.get_by_role("alert")).to_contain_text("Write a short thank-you message.")
    check_page(page, axe)
