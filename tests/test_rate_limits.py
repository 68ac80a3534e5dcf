"""Limits on signing in, sign-in codes and password resets: kept in one cache that every
process and server shares, per address and per account, by the minute and by the hour."""

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
import types
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.core.internal import ratelimit
from django.core import mail
from django.db import connection
from django.test import Client

from tests.factories import PASSWORD, make_user, redis_address

BASE_DIR = Path(__file__).resolve().parent.parent
LOGIN_URL = "/accounts/login/"
CODE_URL = "/accounts/login/code/"
RESET_URL = "/accounts/password/reset/"


@pytest.fixture
def clock(monkeypatch):
    """The clock the rate limits read, moved on by hand: ``clock.advance(seconds)``."""
    now = [time.time()]
    fake = types.SimpleNamespace(time=lambda: now[0], monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(ratelimit, "time", fake)

    def advance(seconds: float) -> None:
        now[0] += seconds

    return types.SimpleNamespace(advance=advance)


def sign_in(email: str, password: str, address: str = "203.0.113.20") -> int:
    return Client(REMOTE_ADDR=address).post(LOGIN_URL, {"login": email, "password": password})


# -- one shared cache -----------------------------------------------------------


@pytest.mark.django_db
def test_the_cache_is_a_table_in_the_test_database():
    assert "coproduction_cache" in connection.introspection.table_names()


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def in_a_new_process(code: str, env: dict[str, str]) -> str:
    """Run ``code`` in a process of its own (as another gunicorn worker would be)."""
    setup = "from django.test.utils import setup_test_environment; setup_test_environment()\n"
    return manage(
        "shell", "--no-imports", "-c", setup + textwrap.dedent(code), env=env
    ).stdout.strip()


@pytest.fixture
def own_database(tmp_path) -> dict[str, str]:
    """The environment for processes sharing a fresh SQLite file, migrated as `make run` does."""
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage("migrate", "--noinput", "-v", "0", env=env)
    return env


WRONG_PASSWORDS = """
    from django.test import Client
    from accounts.models import User
    user = User.objects.create_user(email="{email}", password="{password}", name="Alex")
    user.emailaddress_set.create(email="{email}", verified=True, primary=True)
    for _ in range(5):
        Client().post("/accounts/login/", {{"login": "{email}", "password": "wrong"}})
"""
RIGHT_PASSWORD = """
    from django.test import Client
    response = Client().post("/accounts/login/", {{"login": "{email}", "password": "{password}"}})
    print(response.status_code)
"""


def test_migrate_makes_the_cache_table_in_a_new_database(own_database):
    path = urlsplit(own_database["DATABASE_URL"]).path
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}

    assert "coproduction_cache" in tables


def test_wrong_passwords_counted_by_one_process_hold_in_another(own_database):
    """Three gunicorn workers must not give a guesser three times the tries."""
    email = "alex@example.org"
    in_a_new_process(WRONG_PASSWORDS.format(email=email, password=PASSWORD), own_database)

    status = in_a_new_process(RIGHT_PASSWORD.format(email=email, password=PASSWORD), own_database)

    assert status == "200", "a second process let the right password in after 5 wrong ones"


@pytest.mark.skipif(
    redis_address() is None,
    reason="needs the redis package and a Redis or Valkey server (CACHE_URL or 127.0.0.1:6379)",
)
def test_with_a_cache_url_the_counters_are_in_redis_and_shared(own_database):
    env = {**own_database, "CACHE_URL": redis_address()}
    # An address no earlier run has used, since Redis keeps counters between runs.
    email = f"alex-{uuid.uuid4().hex[:12]}@example.org"
    in_a_new_process(WRONG_PASSWORDS.format(email=email, password=PASSWORD), env)

    status = in_a_new_process(RIGHT_PASSWORD.format(email=email, password=PASSWORD), env)
    backend = in_a_new_process(
        "from django.core.cache import caches; print(type(caches['default']).__name__)", env
    )

    assert backend == "RedisCache"
    assert status == "200"


# -- limits per account ---------------------------------------------------------


def test_one_account_is_not_checked_more_than_ten_times_a_minute(db, clock):
    """Even with the right password and from many addresses: each check costs a slow hash."""
    person = make_user("Alex", "alex@example.org")

    statuses = [
        sign_in(person.email, PASSWORD, address=f"198.51.100.{n}").status_code for n in range(12)
    ]

    assert statuses[:10] == [302] * 10
    assert 302 not in statuses[10:]
    clock.advance(61)
    assert sign_in(person.email, PASSWORD).status_code == 302


def test_a_whole_meeting_still_signs_in_from_one_address_at_once(db):
    people = [make_user(f"Member {n}", f"member{n}@example.org") for n in range(40)]

    for person in people:
        assert sign_in(person.email, PASSWORD, address="203.0.113.7").status_code == 302


def test_wrong_passwords_for_one_account_stop_for_the_hour_after_twenty(db, clock):
    """Five every five minutes is allauth's limit; the hour holds twenty, so guessing can't
    go on at 60 an hour."""
    person = make_user("Alex", "alex@example.org")
    for _round in range(4):
        for n in range(5):
            response = sign_in(person.email, "wrong", address=f"198.51.100.{n}")
            assert response.status_code == 200
        clock.advance(5 * 60 + 1)

    response = sign_in(person.email, PASSWORD)

    assert response.status_code != 302
    clock.advance(60 * 60)
    assert sign_in(person.email, PASSWORD).status_code == 302


def test_one_inbox_gets_at_most_ten_sign_in_codes_an_hour(db, clock):
    person = make_user("Alex", "alex@example.org")
    mail.outbox.clear()
    for _minute in range(4):
        for _ in range(3):
            Client().post(CODE_URL, {"email": person.email})
        clock.advance(61)

    assert len(mail.outbox) == 10
    assert {message.to[0] for message in mail.outbox} == {person.email}


def test_one_inbox_gets_at_most_three_sign_in_codes_a_minute(db):
    person = make_user("Alex", "alex@example.org")
    mail.outbox.clear()

    for _ in range(5):
        Client().post(CODE_URL, {"email": person.email})

    assert len(mail.outbox) == 3


def test_one_inbox_gets_at_most_ten_password_resets_an_hour(db, clock):
    person = make_user("Alex", "alex@example.org")
    mail.outbox.clear()
    statuses = []
    for _minute in range(4):
        for _ in range(3):
            statuses.append(Client().post(RESET_URL, {"email": person.email}).status_code)
        clock.advance(61)

    assert len(mail.outbox) == 10
    assert statuses.count(429) == 2


def test_one_inbox_gets_at_most_three_password_resets_a_minute(db):
    person = make_user("Alex", "alex@example.org")
    mail.outbox.clear()

    for _ in range(5):
        Client().post(RESET_URL, {"email": person.email})

    assert len(mail.outbox) == 3
