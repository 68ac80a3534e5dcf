"""Sessions kept in a shared Redis cache as well as the database (accounts.cached_sessions).

A signed-in request then reads its session without a query, and signing someone out
everywhere (deleting their account) leaves no cached copy that would still let them in.
"""

import pytest
from django.core.cache import caches
from django.test import Client

from accounts.models import UserSession
from sharing.people import services as people_services

from .factories import PASSWORD, redis_address
from .pages import count_queries, url

pytestmark = pytest.mark.skipif(
    redis_address() is None,
    reason="needs the redis package and a Redis or Valkey server (CACHE_URL or 127.0.0.1:6379)",
)


@pytest.fixture
def cached_sessions(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_address(),
            "KEY_PREFIX": "test-sessions",
        }
    }
    settings.SESSION_ENGINE = "accounts.cached_sessions"
    caches["default"].clear()
    yield
    caches["default"].clear()


def signed_in(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def session_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "accounts_usersession" in q["sql"]]


def test_a_signed_in_page_reads_its_session_from_the_cache(cached_sessions, co_producer, project):
    client = signed_in(co_producer)
    # Still recorded in the database, with whose it is.
    assert UserSession.objects.filter(user=co_producer).count() == 1
    with count_queries() as queries:
        response = client.get(url("projects:home", project))
    assert response.status_code == 200
    assert session_queries(queries) == []


def test_the_database_sessions_pay_a_query_for_it(settings, co_producer, project):
    """What the cache saves: without it, the same page reads the session table."""
    settings.SESSION_ENGINE = "accounts.sessions"
    client = signed_in(co_producer)
    with count_queries() as queries:
        client.get(url("projects:home", project))
    assert len(session_queries(queries)) == 1


def test_deleting_an_account_leaves_no_cached_session(cached_sessions, co_producer, project):
    client = signed_in(co_producer)
    other_browser = signed_in(co_producer)
    assert client.get(url("projects:home", project)).status_code == 200
    people_services._delete_sessions(co_producer)
    for browser in (client, other_browser):
        response = browser.get(url("projects:home", project))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not UserSession.objects.filter(user=co_producer).exists()
