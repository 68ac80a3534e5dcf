"""Browser journeys on the lake of ideas, in real Chromium.

Keyboard-only adding and moving, a mouse drag, two windows seeing each other's changes
live, the edit conflict, axe on every lake page, and the board at 320px.
"""

import pytest
from playwright.sync_api import expect

from lake import services
from lake.models import PostIt

from .browser import check, press_tab_until
from .factories import make_postit

pytestmark = pytest.mark.browser


def board_url(project) -> str:
    return f"/projects/{project.pk}/lake/"


@pytest.mark.django_db(transaction=True)
def test_a_member_adds_and_moves_a_post_it_by_keyboard_alone(browser, project, co_producer, axe):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    check(page, axe)
    page.evaluate("window.__stillHere = true")

    # An empty post-it is refused, with the problem read out first.
    press_tab_until(page, page.get_by_role("button", name="Add the post-it"))
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Write your idea before adding it.")
    expect(summary).to_be_focused()
    assert not PostIt.objects.exists()

    press_tab_until(page, page.get_by_label("Your idea"))
    page.keyboard.type("Meet somewhere with step-free access.")
    press_tab_until(page, page.get_by_role("button", name="Add the post-it"))
    page.keyboard.press("Enter")
    planning = page.locator("#list-planning")
    expect(planning).to_contain_text("Meet somewhere with step-free access.")
    expect(page.locator("#lake-announce")).to_contain_text("Your post-it is on the lake")
    # Ready for the next idea.
    expect(page.get_by_label("Your idea")).to_be_focused()
    expect(page.get_by_label("Your idea")).to_have_value("")
    postit = PostIt.objects.get()

    # The post-it shows one small "Options" button; opening it takes the focus inside.
    options = page.locator(f"#postit-{postit.pk} summary")
    press_tab_until(page, options)
    page.keyboard.press("Enter")
    select = page.locator(f"#move-{postit.pk}")
    expect(select).to_be_focused()
    # Escape closes the options and gives the focus back to the button.
    page.keyboard.press("Escape")
    expect(select).to_be_hidden()
    expect(options).to_be_focused()
    page.keyboard.press("Enter")
    expect(select).to_be_focused()
    # The options go: four islands, the water, then the water between each pair.
    for _ in range(7):
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value("water:planning-review")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    water = page.locator("#list-water")
    expect(water).to_contain_text("The water between Planning and Review")
    expect(page.locator(f"#postit-{postit.pk}")).to_be_focused()
    expect(page.locator("#lake-announce")).to_contain_text(
        "to The water between Planning and Review"
    )
    postit.refresh_from_db()
    assert postit.place == "water:planning-review"
    assert page.evaluate("window.__stillHere === true")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_a_post_it_is_dragged_with_the_mouse(browser, project, co_producer):
    postit = make_postit(project, co_producer, "Drag me to Review")
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    source = page.locator(f"#postit-{postit.pk} .postit__text")
    target = page.locator("#list-review")
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 5)
    # Dragging is set up once the pointer reaches the page, as a person's does before a drag.
    page.wait_for_function("() => !!document.querySelector('#lake ol[data-sortable]')")
    page.mouse.down()
    target_box = target.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=5)
    page.mouse.move(target_box["x"] + 40, target_box["y"] + 40, steps=20)
    page.mouse.up()
    expect(page.locator("#list-review")).to_contain_text("Drag me to Review")
    expect(page.locator("#lake-announce")).to_contain_text("Moved")
    postit.refresh_from_db()
    assert postit.place == "review"


@pytest.mark.django_db(transaction=True)
def test_a_second_window_sees_adds_moves_and_removals_live_while_typing(
    new_browser, project, co_producer, facilitator
):
    one = new_browser()
    two = new_browser()
    one.sign_in(co_producer)
    two.sign_in(facilitator)
    one.page.goto(board_url(project))
    two.page.goto(board_url(project))
    two.page.evaluate("window.__stillHere = true")
    polls = []

    def keep_poll(response):
        if "/lake/poll/" in response.url and response.status == 200:
            polls.append(response.text())

    two.page.on("response", keep_poll)
    typing = two.page.get_by_label("Your idea")
    typing.click()
    two.page.keyboard.type("Half a thought")

    # Islands grow with their post-its, but none moves when another grows.
    layout = (
        "[...document.querySelectorAll('.lake-region')]"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.top, r.left]; })"
    )
    before = two.page.evaluate(layout)

    one.page.get_by_label("Your idea").fill("Live from window one")
    one.page.get_by_role("button", name="Add the post-it").click()
    expect(two.page.locator("#list-planning")).to_contain_text("Live from window one", timeout=8000)
    # The new post-it moved nothing else on the page.
    assert two.page.evaluate(layout) == before
    postit = PostIt.objects.get()
    one.page.locator(f"#postit-{postit.pk} summary").click()
    one.page.locator(f"#move-{postit.pk}").select_option("completing")
    one.page.locator(f"#postit-{postit.pk}").get_by_role("button", name="Move", exact=True).click()
    expect(two.page.locator("#list-completing")).to_contain_text(
        "Live from window one", timeout=8000
    )
    expect(two.page.locator("#list-planning")).not_to_contain_text("Live from window one")
    # What the second person was typing, and where they were typing it, survived.
    expect(typing).to_have_value("Half a thought")
    expect(typing).to_be_focused()
    assert two.page.evaluate("window.__stillHere === true")
    expect(two.page.locator("#heading-completing .lake-count")).to_have_text("(1 post-it)")
    expect(two.page.locator("#heading-planning .lake-count")).to_have_text("(0 post-its)")

    # Someone else's post-it lands after it; then the first one is taken off the lake.
    services.postit_add(
        project=project, author=facilitator, text="Right behind", place="completing", colour="pink"
    )
    expect(two.page.locator("#list-completing > li")).to_have_count(2, timeout=8000)
    expect(two.page.locator("#list-completing > li").last).to_contain_text("Right behind")
    one.page.locator(f"#postit-{postit.pk} summary").click()
    one.page.locator(f"#postit-{postit.pk}").get_by_role("button", name="Remove").click()
    expect(two.page.locator(f"#postit-{postit.pk}")).to_have_count(0, timeout=8000)
    expect(two.page.locator("#list-completing > li")).to_have_count(1)
    expect(two.page.locator("#lake-others")).to_contain_text("Taken off the lake")
    expect(typing).to_have_value("Half a thought")
    expect(typing).to_be_focused()
    assert two.page.evaluate("window.__stillHere === true")
    # Each of these came as the changed post-its alone, never the whole lake again.
    assert polls and all("data-changes" in body for body in polls), polls


@pytest.mark.django_db(transaction=True)
def test_an_edit_conflict_shows_both_versions(new_browser, project, co_producer, axe):
    postit = make_postit(project, co_producer, "First words")
    one = new_browser()
    two = new_browser()
    for window in (one, two):
        window.sign_in(co_producer)
        window.page.goto(f"{board_url(project)}post-its/{postit.pk}/edit/")
    one.page.get_by_label("Your post-it").fill("Words from window one")
    one.page.get_by_role("button", name="Save the change").click()
    expect(one.page.locator(f"#postit-{postit.pk}")).to_contain_text("Words from window one")

    two.page.get_by_label("Your post-it").fill("Words from window two")
    two.page.get_by_role("button", name="Save the change").click()
    page = two.page
    expect(
        page.get_by_role("heading", name="This post-it changed while you were writing")
    ).to_be_visible()
    expect(page.locator(".lake-compare")).to_contain_text("Words from window one")
    expect(page.locator(".lake-compare")).to_contain_text("Words from window two")
    check(page, axe)
    page.get_by_role("button", name="Save my version").click()
    expect(page.locator(f"#postit-{postit.pk}")).to_contain_text("Words from window two")
    postit.refresh_from_db()
    assert postit.version == 3


@pytest.mark.django_db(transaction=True)
def test_axe_on_a_busy_board_the_list_view_and_the_removed_list(
    browser, project, co_producer, facilitator, axe
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    colours = ["yellow", "pink", "green", "blue", "orange"]
    places = ["planning", "process", "completing", "review", "water", "water:process-review"]
    for i in range(24):
        make_postit(project, co_producer, f"Idea {i} <b>bold?</b>", places[i % 6], colours[i % 5])
    gone = make_postit(project, facilitator, "Removed idea")
    services.postit_delete(postit=gone, actor=facilitator)
    services.timer_action(project=project, actor=facilitator, action="start")
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    check(page, axe)
    page.goto(f"{board_url(project)}list/")
    check(page, axe)
    page.goto(f"{board_url(project)}removed/")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_the_board_has_no_sideways_scroll_at_320px(browser, project, co_producer):
    make_postit(project, co_producer, "A long idea " * 30, "water:completing-review")
    page = browser.page
    page.set_viewport_size({"width": 320, "height": 640})
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width}px wide"


@pytest.mark.django_db(transaction=True)
def test_moving_works_without_javascript(chromium, live_server, project, co_producer):
    postit = make_postit(project, co_producer, "No script needed")
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(co_producer.email)
        page.get_by_label("Password").fill("a-long-test-password-1")
        page.get_by_role("button", name="Sign In").click()
        page.goto(board_url(project))
        # The options open without any script: the plain forms are inside.
        page.locator(f"#postit-{postit.pk} summary").click()
        page.locator(f"#move-{postit.pk}").select_option("water:planning-review")
        page.locator(f"#postit-{postit.pk}").get_by_role("button", name="Move", exact=True).click()
        expect(page.locator("#list-water")).to_contain_text("No script needed")
        expect(page.get_by_role("status").first).to_contain_text("Moved")
    finally:
        context.close()


WIDE = {"width": 1366, "height": 900}


@pytest.mark.django_db(transaction=True)
def test_the_board_uses_the_windows_width_at_1366px(browser, project, co_producer):
    make_postit(project, co_producer, "Wide enough to read from the back")
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    lake = page.locator("#lake").bounding_box()
    intro = page.locator(".lake-intro").bounding_box()
    # The board spans the window, less a small margin; the words above keep their column.
    assert lake["width"] >= 1366 - 48, lake
    assert intro["width"] < 1000, intro
    # The four islands and the water stand side by side, in one row.
    tops = page.evaluate(
        "[...document.querySelectorAll('.lake-region')].map(e => e.getBoundingClientRect().top)"
    )
    assert len(tops) == 5 and max(tops) - min(tops) < 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


VISIBLE_CONTROLS = """
postit => [...postit.querySelectorAll('a, button, select, input, textarea, summary')]
  .filter(e => e.checkVisibility()).map(e => e.textContent.trim())
"""


@pytest.mark.django_db(transaction=True)
def test_a_post_it_shows_one_control_until_its_options_open(
    browser, project, co_producer, facilitator, axe
):
    mark = project.marks.first()
    own = make_postit(project, co_producer, "My own idea", mark=mark)
    services.postit_edit(
        postit=own, base_version=own.version, text="My own idea, reworded", colour="yellow"
    )
    theirs = make_postit(project, facilitator, "Someone else's idea")
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    for postit in (own, theirs):
        item = page.locator(f"#postit-{postit.pk}")
        controls = item.evaluate(VISIBLE_CONTROLS)
        assert len(controls) == 1 and controls[0].startswith("Options"), controls
    # Opened, the options hold everything the post-it used to show at once.
    page.locator(f"#postit-{own.pk} summary").click()
    controls = page.locator(f"#postit-{own.pk}").evaluate(VISIBLE_CONTROLS)
    for wanted in ("From the mark", "see earlier wording", "Move", "Change", "Remove"):
        assert any(wanted in c for c in controls), (wanted, controls)
    page.locator(f"#postit-{theirs.pk} summary").click()
    # Only one post-it's options are open at a time.
    expect(page.locator(f"#move-{own.pk}")).to_be_hidden()
    controls = page.locator(f"#postit-{theirs.pk}").evaluate(VISIBLE_CONTROLS)
    assert any("Ask for a look" in c for c in controls), controls
    assert not any(c.startswith("Change") for c in controls), controls
    check(page, axe)


# Layout shifts counted by the browser itself, from a script the test adds (not the page's).
WATCH_SHIFTS = """
() => {
  window.__shift = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shift += entry.value;
    }
  }).observe({type: 'layout-shift', buffered: false});
}
"""


PLACES = ["planning", "process", "completing", "review", "water"]


def fifteen_on_the_lake(project, facilitator) -> None:
    for i in range(15):
        make_postit(project, facilitator, f"Already on the lake {i}", PLACES[i % 5])


def five_arrive(project, facilitator) -> None:
    """One post-it for each island and the water, of different lengths, added by someone else."""
    for i, place in enumerate(PLACES):
        services.postit_add(
            project=project,
            author=facilitator,
            text=f"Arriving while the group looks {i}, " + "with a few more words " * (i + 1),
            place=place,
            colour="blue",
        )


@pytest.mark.django_db(transaction=True)
def test_live_changes_shift_the_board_by_less_than_0_05(browser, project, co_producer, facilitator):
    fifteen_on_the_lake(project, facilitator)
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    page.locator("#lake").scroll_into_view_if_needed()
    page.evaluate(WATCH_SHIFTS)
    five_arrive(project, facilitator)
    expect(page.locator("#lake .postit")).to_have_count(20, timeout=8000)
    first = PostIt.objects.filter(text="Already on the lake 0").get()
    services.postit_move(postit=first, place="review", actor=facilitator, index=None)
    expect(page.locator("#list-review")).to_contain_text("Already on the lake 0", timeout=8000)
    page.wait_for_timeout(300)
    shift = page.evaluate("window.__shift")
    assert shift < 0.05, f"the board shifted by {shift:.3f}"


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_arrivals_wait_for_a_tap_so_nothing_moves_under_the_reader(
    browser, project, co_producer, facilitator, axe
):
    """The islands stack on a phone: a live arrival would push the rest down the page. There
    the lake says how many changes wait, in a button floating at the foot of the screen."""
    fifteen_on_the_lake(project, facilitator)
    page = browser.page
    page.set_viewport_size({"width": 390, "height": 844})
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    page.locator("#lake").scroll_into_view_if_needed()
    page.evaluate(WATCH_SHIFTS)
    five_arrive(project, facilitator)
    waiting = page.locator("[data-live-catch-up]")
    expect(waiting).to_have_text("5 new changes: show them", timeout=8000)
    expect(page.locator("#lake .postit")).to_have_count(15)
    assert waiting.evaluate("b => getComputedStyle(b).position") == "fixed"
    assert page.evaluate("window.__shift") < 0.05
    check(page, axe)
    waiting.click()
    expect(page.locator("#lake .postit")).to_have_count(20, timeout=8000)
    expect(waiting).to_be_hidden()
    assert page.evaluate("window.__shift") < 0.05
    # At 1366 pixels the same lake takes its changes live (the test above).


# Where the header and each part of the page start, in CSS pixels, by tag, class and id.
TOPS = """
() => Object.fromEntries([...document.querySelectorAll('.site-header, main > *')].map(e =>
  [`${e.tagName}.${e.className}#${e.id}`, Math.round(e.getBoundingClientRect().top)]))
"""


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_what_the_scripts_show_has_its_room_from_the_first_paint(
    chromium, live_server, browser, project, co_producer
):
    """On a slow phone the board is drawn before its deferred scripts run. What they show, the
    quick exit's Shift hint and the live controls, must not push the board down then: the page
    stands the same before its scripts have run (here: never, they are not served) and after.
    Without JavaScript at all, no room is kept for what only scripts would show."""
    project.quick_exit = True
    project.save(update_fields=["quick_exit"])
    phone = {"width": 412, "height": 823}
    page = browser.page
    page.set_viewport_size(phone)
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    expect(page.locator("[data-quick-exit-hint]")).to_be_visible()
    expect(page.locator("[data-live-controls]")).to_be_visible()
    with_scripts = page.evaluate(TOPS)
    for scripting in (True, False):
        other = chromium.new_context(
            base_url=live_server.url, java_script_enabled=scripting, viewport=phone
        )
        try:
            other.add_cookies(browser.context.cookies())
            plain = other.new_page()
            plain.route("**/*.js", lambda route: route.abort())
            plain.goto(board_url(project))
            as_drawn = plain.evaluate(TOPS)
            room = plain.locator("[data-live-controls]").evaluate("e => e.offsetHeight")
        finally:
            other.close()
        if scripting:
            # forms.js adds an empty status line, which takes no room.
            assert as_drawn == {part: with_scripts[part] for part in as_drawn}
            assert room > 0
        else:
            assert room == 0
            assert max(as_drawn.values()) < max(with_scripts.values())


@pytest.mark.django_db(transaction=True)
def test_the_projector_view_is_large_has_no_controls_and_follows_changes(
    browser, project, co_producer, facilitator, axe
):
    make_postit(project, co_producer, "Seen from the back of the room")
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(co_producer)
    page.goto(f"{board_url(project)}projector/")
    check(page, axe)
    lake = page.locator(".lake")
    expect(lake).to_contain_text("Seen from the back of the room")
    assert lake.locator("a, button, select, input, textarea, summary").count() == 0
    size = page.locator(".postit__text").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 24, size
    services.postit_add(
        project=project,
        author=facilitator,
        text="Added during the meeting",
        place="review",
        colour="pink",
    )
    expect(lake.locator(".lake-region--review")).to_contain_text(
        "Added during the meeting", timeout=12000
    )
