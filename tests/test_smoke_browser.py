import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_home_page_passes_axe(page, axe):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Mark of co-production"
    axe(page)
