"""Browser journey: a member downloads their data and deletes their account, keyboard only.

Their note stays on the mark, and another member reads it under "A former member".
axe runs on every new page, and none scrolls sideways at 320px.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from marks.models import Mark, Note

from .browser import check_page, press_tab_until

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_member_downloads_their_data_and_deletes_their_account(
    new_browser, axe, project, facilitator, co_producer
):
    mark = Mark.objects.filter(project=project).order_by("stage", "position", "pk").first()
    Note.objects.create(
        mark=mark, kind="ladder", text="We meet near the bus stop.", author=co_producer
    )

    cora = new_browser()
    cora.sign_in(co_producer)
    page = cora.page
    page.goto("/account/")
    check_page(page, axe)

    # The download, reached with the keyboard, holds the note.
    press_tab_until(page, page.get_by_role("link", name="Download your data"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.startswith("my-data-")
    with open(download.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert [n["text"] for n in data["marks"]["notes"]] == ["We meet near the bus stop."]
    assert data["account"]["email"] == "cora@example.org"

    # The delete page explains, and keeps the words by default.
    press_tab_until(page, page.get_by_role("link", name="Delete your account"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    check_page(page, axe)
    expect(
        page.get_by_label("Keep my words in the projects under “A former member”")
    ).to_be_checked()

    # A wrong address is refused beside the field, and nothing is deleted.
    press_tab_until(page, page.get_by_label("To confirm, type your email address"))
    page.keyboard.type("not-me@example.org")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator("#id_confirm_email-error")).to_contain_text(
        "That is not your account’s email address"
    )
    check_page(page, axe)

    field = page.get_by_label("To confirm, type your email address")
    press_tab_until(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type("cora@example.org")
    press_tab_until(page, page.get_by_role("button", name="Delete my account"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has been deleted")
    check_page(page, axe)

    # Signed out: the account page asks to sign in.
    page.goto("/account/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))

    # Another member sees the note under "A former member".
    fran = new_browser()
    fran.sign_in(facilitator)
    fran.page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    note = fran.page.locator("li", has_text="We meet near the bus stop.").last
    expect(note).to_contain_text("A former member")
    expect(fran.page.get_by_text("Cora Coproducer")).to_have_count(0)
