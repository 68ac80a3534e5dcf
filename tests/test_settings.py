"""Settings that keep the app safe: the Content-Security-Policy, CSRF for htmx,
production checks, and the development-only demo."""

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import User
from tests.factories import make_user

BASE_DIR = Path(__file__).resolve().parent.parent


class TagCollector(HTMLParser):
    """Collect every tag's attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.script_texts.append("")

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script:
            self.script_texts[-1] += data

    def all(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


def parse(response) -> TagCollector:
    collector = TagCollector()
    collector.feed(response.content.decode())
    return collector


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_sends_a_content_security_policy_without_inline_script(client, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = csp_directives(response)
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_policy_also_covers_signed_in_pages(client, facilitator):
    client.force_login(facilitator)

    response = client.get("/account/")

    assert "'unsafe-inline'" not in csp_directives(response)["script-src"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style(client, url):
    page = parse(client.get(url))

    scripts = page.all("script")
    assert scripts, "expected the page to load its scripts"
    for attrs, text in zip(scripts, page.script_texts, strict=True):
        assert attrs.get("src"), f"inline <script> found: {text[:80]!r}"
        assert not text.strip()
    assert not page.all("style")
    assert not [attrs for _tag, attrs in page.tags if "style" in attrs]
    assert not [
        attrs for _tag, attrs in page.tags if any(name.startswith("on") for name in attrs)
    ], "inline event handlers are blocked by the policy"


@pytest.mark.django_db
def test_htmx_is_served_from_our_own_static_files(client):
    page = parse(client.get("/"))

    sources = [attrs["src"] for attrs in page.all("script")]
    htmx = [src for src in sources if "htmx" in src]
    assert len(htmx) == 1
    assert htmx[0].startswith("/static/"), "htmx must not come from a CDN"
    assert finders.find(htmx[0].removeprefix("/static/")), "the htmx file must exist"
    config = [attrs for attrs in page.all("meta") if attrs.get("name") == "htmx-config"]
    assert json.loads(config[0]["content"])["includeIndicatorStyles"] is False


@pytest.mark.django_db
def test_htmx_requests_pass_csrf_with_the_token_from_the_body(facilitator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(facilitator)
    body = parse(client.get("/account/")).all("body")[0]
    token = json.loads(body["hx-headers"])["X-CSRFToken"]
    assert token

    without = client.post("/account/", {"name": "New name"}, headers={"HX-Request": "true"})
    with_token = client.post(
        "/account/", {"name": "New name"}, headers={"HX-Request": "true", "X-CSRFToken": token}
    )

    assert without.status_code == 403
    assert with_token.status_code == 302
    facilitator.refresh_from_db()
    assert facilitator.name == "New name"


# -- production settings, checked in a fresh process --------------------------


def production_env(**changes: str | None) -> dict[str, str]:
    """The environment of a production server: no DEBUG, and no test settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PYTEST_VERSION",
            "COPRODUCTION_TEST_SETTINGS",
            "DEBUG",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
        and not key.startswith(("SECURE_", "ACCOUNT_", "EMAIL_"))
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        EMAIL_HOST="smtp.example.org",
    )
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_deployment_checklist_finds_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "identified no issues (0 silenced)" in output


def test_settings_refuse_to_load_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", env=production_env(SECRET_KEY=None))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_settings_load_without_a_secret_key_in_development():
    result = run_manage("check", env=production_env(SECRET_KEY=None, DEBUG="1"))

    assert result.returncode == 0, result.stderr


# -- the demo -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo")

    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_creates_four_accounts_and_says_how_to_sign_in(settings, capsys):
    settings.DEBUG = True

    call_command("demo")

    out = capsys.readouterr().out
    # Four people to sign in as; one more took part and has since deleted their account.
    users = list(User.objects.filter(is_former_member=False))
    assert len(users) == 4
    assert User.objects.filter(is_former_member=True, is_active=False).count() == 1
    for user in users:
        assert user.email in out
        assert user.name
    assert "co-produce-demo" in out
    assert users[0].check_password("co-produce-demo")


@pytest.mark.django_db
def test_the_demo_with_if_new_creates_nothing_the_second_time(settings, capsys):
    settings.DEBUG = True
    call_command("demo", "--if-new")
    count = User.objects.count()

    call_command("demo", "--if-new")

    assert User.objects.count() == count == 5
    assert "already" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_leaves_existing_accounts_alone(settings):
    settings.DEBUG = True
    someone = make_user("Someone", "someone@example.org")

    call_command("demo", "--if-new")

    assert User.objects.filter(is_former_member=False).count() == 5
    someone.refresh_from_db()
    assert someone.name == "Someone"


def test_pages_are_sent_compressed_to_browsers_that_accept_it(co_producer_client, project):
    """A weak mobile connection gets the lake and every page gzipped."""
    import gzip

    from django.urls import reverse

    url = reverse("projects:home", args=[project.pk])
    response = co_producer_client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert project.name in gzip.decompress(response.content).decode()
    plain = co_producer_client.get(url)
    assert "Content-Encoding" not in plain


# -- test settings only when asked for ------------------------------------------


def test_a_pytest_version_left_in_a_servers_environment_weakens_nothing():
    result = run_manage("check", env=production_env(SECRET_KEY=None, PYTEST_VERSION="9.2.0"))

    assert result.returncode != 0, "PYTEST_VERSION turned on the public test key"
    assert "SECRET_KEY" in result.stderr


def test_test_settings_refuse_to_run_with_debug_off_and_a_real_secret_key():
    result = run_manage("check", env=production_env(COPRODUCTION_TEST_SETTINGS="1"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "COPRODUCTION_TEST_SETTINGS" in result.stderr


def test_processes_the_tests_start_get_test_settings_too():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}

    result = read_settings("settings.PASSWORD_HASHERS[0]", env)

    assert result == "django.contrib.auth.hashers.MD5PasswordHasher"


def read_settings(expression: str, env: dict[str, str]) -> str:
    """Evaluate ``expression`` (over django.conf.settings) in a fresh process."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    env = {"DJANGO_SETTINGS_MODULE": "coproduction.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# -- behind a proxy -----------------------------------------------------------


def test_behind_a_proxy_it_refuses_to_start_until_told_how_many_proxies():
    """With no proxy counted, everyone shares the proxy's address, and ten wrong passwords
    from anyone would lock the whole site out."""
    result = run_manage("check", env=production_env(SECURE_PROXY_SSL_HEADER="1"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set TRUSTED_PROXY_COUNT" in result.stderr


def test_behind_a_proxy_with_the_proxy_counted_the_deployment_checklist_is_clean():
    env = production_env(SECURE_PROXY_SSL_HEADER="1", TRUSTED_PROXY_COUNT="1")

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr


def test_development_behind_a_proxy_needs_no_proxy_count():
    result = run_manage("check", env=production_env(SECURE_PROXY_SSL_HEADER="1", DEBUG="1"))

    assert result.returncode == 0, result.stderr


# -- the shared cache ---------------------------------------------------------


def test_production_keeps_the_cache_in_the_database_by_default():
    backend = read_settings("settings.CACHES['default']['BACKEND']", production_env())

    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_a_cache_url_puts_the_cache_in_redis_or_valkey():
    env = production_env(CACHE_URL="redis://cache.internal:6379/0")

    cache = read_settings("settings.CACHES['default']", env)

    assert "django.core.cache.backends.redis.RedisCache" in cache
    assert "redis://cache.internal:6379/0" in cache


def test_sessions_are_also_cached_only_with_a_shared_redis_cache():
    by_default = read_settings("settings.SESSION_ENGINE", production_env())
    with_redis = read_settings(
        "settings.SESSION_ENGINE", production_env(CACHE_URL="redis://cache.internal:6379/0")
    )

    assert by_default == "accounts.sessions"
    assert with_redis == "accounts.cached_sessions"


def test_a_cache_url_that_is_not_redis_is_refused():
    result = run_manage("check", env=production_env(CACHE_URL="memcached://cache:11211"))

    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


# -- timeouts -----------------------------------------------------------------


def test_postgresql_connections_have_connect_statement_and_lock_timeouts():
    env = production_env(DATABASE_URL="postgres://app@db.internal:5432/coproduction")

    database = read_settings("settings.DATABASES['default']", env)

    assert "'ENGINE': 'coproduction.db'" in database
    assert "'connect_timeout': 5" in database
    assert "-c statement_timeout=15000" in database
    assert "-c lock_timeout=5000" in database


def test_the_timeouts_can_be_set():
    env = production_env(
        DATABASE_URL="postgres://app@db.internal:5432/coproduction",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="30",
        DATABASE_LOCK_TIMEOUT="2",
        EMAIL_TIMEOUT="7",
    )

    database = read_settings("settings.DATABASES['default']['OPTIONS']", env)
    mailer = read_settings("settings.MAILERS['default']['OPTIONS']['timeout']", env)

    assert "'connect_timeout': 3" in database
    assert "-c statement_timeout=30000 -c lock_timeout=2000" in database
    assert mailer == "7"


def test_the_mail_server_has_a_timeout():
    assert read_settings("settings.MAILERS['default']['OPTIONS']['timeout']", production_env()) == (
        "10"
    )


def gunicorn_settings(monkeypatch, **env: str) -> dict:
    import runpy

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_gunicorn_waits_longer_than_the_app_gives_the_database_and_the_mail_server(
    monkeypatch,
):
    for env in [
        {},
        {"DATABASE_CONNECT_TIMEOUT": "10", "DATABASE_STATEMENT_TIMEOUT": "60"},
        {"EMAIL_TIMEOUT": "40"},
    ]:
        conf = gunicorn_settings(monkeypatch, **env)
        connect = int(env.get("DATABASE_CONNECT_TIMEOUT", 5))
        statement = int(env.get("DATABASE_STATEMENT_TIMEOUT", 15))
        email = int(env.get("EMAIL_TIMEOUT", 10))

        # A reused connection that stops answering: the wait, then a new connection tried.
        assert conf["timeout"] > (statement + connect) + connect, env
        assert conf["timeout"] > email, env
        assert conf["workers"] == 3
        assert conf["wsgi_app"] == "coproduction.wsgi"


def test_the_deploy_instructions_and_the_load_test_use_the_gunicorn_settings():
    readme = (BASE_DIR / "README.md").read_text()
    bench = (BASE_DIR / "bench" / "run.sh").read_text()

    assert "gunicorn -c gunicorn.conf.py" in readme
    assert "gunicorn -c gunicorn.conf.py" in bench
    assert "TRUSTED_PROXY_COUNT=1" in bench


def test_the_error_page_says_what_went_wrong_and_that_saved_work_is_safe():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")

    assert "Sorry, something went wrong" in page
    assert "Anything you saved before is safe" in page
