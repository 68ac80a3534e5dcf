#!/usr/bin/env bash
# Lighthouse's performance score (mobile, simulated slow 4G) for the lake board and the
# meeting screen, with the demo's data, served as production serves them: bench/lighthouse.sh
#
# Creates a throwaway PostgreSQL database, loads the demo, starts gunicorn with DEBUG off,
# signs the demo's Amina in (a session made in the database, put in the browser's cookies), runs
# Lighthouse on each page three times and prints the median score and timings.
#
# Needs Node.js and npm (Lighthouse is installed into bench/.lighthouse on first use) and
# Chromium at /usr/bin/chromium (or CHROME_PATH).
#   RUNS=3  PORT=8766  PG=postgres://postgres@127.0.0.1:5432  LH_DB=lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
PORT=${PORT:-8766}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
LH_DB=${LH_DB:-lighthouse}
LH_VERSION=13.5.0
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=${OUT:-bench/out/$(date -u +%Y%m%d-%H%M%S)-lighthouse}
mkdir -p "$OUT"

make --no-print-directory setup
if [ ! -x bench/.lighthouse/node_modules/.bin/lighthouse ]; then
	npm install --prefix bench/.lighthouse --no-save --no-audit --no-fund "lighthouse@$LH_VERSION"
fi

export DEBUG=0 SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="lighthouse-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DATABASE_URL="$PG/$LH_DB"
psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $LH_DB" -c "CREATE DATABASE $LH_DB"
cleanup() {
	if [ -n "${APP_PID:-}" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
	psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $LH_DB" || true
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
# The demo is for development; here it only fills the pages.
DEBUG=1 .venv/bin/python manage.py demo >/dev/null
read -r COOKIE_NAME SESSION PROJECT MEETING < <(.venv/bin/python - <<'PY'
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from accounts.models import User
from meetings.models import Meeting
from projects.models import Project
user = User.objects.get(email="amina@example.org")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
project = Project.objects.order_by("pk").first()
meeting = Meeting.objects.filter(project=project, chosen__isnull=False).order_by("pk").first()
print(settings.SESSION_COOKIE_NAME, store.session_key, project.pk, meeting.pk if meeting else "")
PY
)

.venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$PORT" --log-level warning --access-logfile "$OUT/access.log" \
	--error-logfile "$OUT/gunicorn.log" &
APP_PID=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

# The session goes into the browser's cookie jar, as a signed-in phone would hold it. Sent as
# an extra Cookie header instead, it is lost as soon as the page sets its CSRF cookie: Chromium
# then sends the jar's cookies in place of that header, so the page's own live poll went
# without the session, was answered "sign in again" (HX-Redirect) and took the tab to
# /accounts/login/ while Lighthouse was still watching.
# Lighthouse's storage reset between runs leaves cookies alone.
HEADERS='{"X-Forwarded-Proto": "https"}'
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
OUT_DIR=$(cd "$OUT" && pwd)
# One fresh Chromium per run, started as Lighthouse would start it, with the cookie set
# through the DevTools protocol; Lighthouse then runs on it (--port).
signed_in_lighthouse() {
	(cd bench/.lighthouse && COOKIE_NAME="$COOKIE_NAME" SESSION="$SESSION" CHROME_FLAGS="$CHROME_FLAGS" \
		node --input-type=module - "$@") <<'JS'
import {spawnSync} from "node:child_process";
import {launch} from "chrome-launcher";
import puppeteer from "puppeteer-core";
const env = process.env;
const chrome = await launch({chromeFlags: env.CHROME_FLAGS.split(" ")});
try {
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`});
  await browser.setCookie({name: env.COOKIE_NAME, value: env.SESSION, domain: "127.0.0.1",
    path: "/", httpOnly: true, secure: true, sameSite: "Lax"});
  await browser.disconnect();
  const args = [...process.argv.slice(2), `--port=${chrome.port}`];
  process.exitCode = spawnSync("node_modules/.bin/lighthouse", args, {stdio: "inherit"}).status;
} finally {
  await chrome.kill();
}
JS
}

PAGES="lake=/projects/$PROJECT/lake/"
[ -n "$MEETING" ] && PAGES="meeting-screen=/projects/$PROJECT/meetings/$MEETING/screen/ $PAGES"
for page in $PAGES; do
	name=${page%%=*}
	for run in $(seq "$RUNS"); do
		# LH_FLAGS: more of Lighthouse's own flags, e.g. --save-assets for the trace.
		signed_in_lighthouse "http://127.0.0.1:$PORT${page#*=}" \
			--quiet --only-categories=performance --form-factor=mobile --throttling-method=simulate \
			--extra-headers="$HEADERS" ${LH_FLAGS:-} --output=json --output-path="$OUT_DIR/$name-$run.json"
	done
done

.venv/bin/python - "$OUT" <<'PY'
import json, statistics, sys
from pathlib import Path
out = Path(sys.argv[1])
rows = {}
for path in sorted(p for p in out.glob("*.json") if p.suffixes == [".json"]):
    name = path.stem.rsplit("-", 1)[0]
    report = json.loads(path.read_text())
    audits = report["audits"]
    rows.setdefault(name, []).append((
        report["categories"]["performance"]["score"],
        audits["first-contentful-paint"]["numericValue"],
        audits["largest-contentful-paint"]["numericValue"],
        audits["total-blocking-time"]["numericValue"],
        audits["cumulative-layout-shift"]["numericValue"],
        report["finalDisplayedUrl"],
    ))
lines = ["| page | runs | score (median) | first paint ms | largest paint ms | blocking ms | layout shift |",
         "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
for name, runs in sorted(rows.items()):
    med = lambda i: statistics.median(r[i] for r in runs)
    lines.append(f"| {name} ({runs[0][5].split('/', 3)[-1]}) | {len(runs)} | {med(0):.2f} | {med(1):.0f} | {med(2):.0f} | {med(3):.0f} | {med(4):.3f} |")
text = "\n".join(lines)
(out / "report.md").write_text(text + "\n")
print(text)
PY
