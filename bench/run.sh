#!/usr/bin/env bash
# One command for the load test: bench/run.sh
#
# Creates a fresh PostgreSQL database on loopback, seeds a project, starts the app as production
# does (gunicorn, whitenoise serving compressed files, DEBUG off), runs the simulated meeting
# with Locust, stops the app, prints the report and drops the database.
#
# Settings, all optional:
#   MEMBERS=50      people in each meeting, facilitator included (one more Locust user is the baseline)
#   PROJECTS=1      meetings at once, each in its own project (PROJECTS=4 MEMBERS=50: 200 people)
#   DURATION=2m     how long the meeting runs (Locust's -t: 30s, 2m, ...)
#   WORKERS=3       gunicorn workers (see docs/performance.md for why 3 on 2 cores)
#   WORKER_CLASS=sync   or gthread, with THREADS=4 threads per worker
#   SPAWN=10        members joining per second at the start
#   PORT=8765       loopback port for the app
#   PG=postgres://postgres@127.0.0.1:5432   server for the throwaway database
#   BENCH_DB=bench  its name (dropped and created again)
#   KEEP_DB=1       keep the database afterwards, to look around
#   LOCUST_ARGS=    more Locust options, e.g. --reset-stats to leave out everyone signing in
#   CACHE_URL=      a Redis database of the bench's own (it is emptied first), for the shared
#                   cache and cached sessions instead of the database's cache table
#   BENCH_POLLS=both  each member polls the meeting screen and the lake (the old load model)
set -euo pipefail
cd "$(dirname "$0")/.."

MEMBERS=${MEMBERS:-50}
PROJECTS=${PROJECTS:-1}
DURATION=${DURATION:-2m}
WORKERS=${WORKERS:-3}
WORKER_CLASS=${WORKER_CLASS:-sync}
THREADS=${THREADS:-1}
SPAWN=${SPAWN:-10}
PORT=${PORT:-8765}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=${BENCH_DB:-bench}
OUT=${OUT:-bench/out/$(date -u +%Y%m%d-%H%M%S)-p${PROJECTS}m${MEMBERS}}
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$OUT"

# The app's virtualenv (as `make test` builds it) and a separate one for Locust, so the app's
# dependencies never include the load tester.
make --no-print-directory setup
LOCUST_PIN=$(.venv/bin/python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench'][0])")
if [ ! -x bench/.venv/bin/locust ] || ! bench/.venv/bin/pip freeze 2>/dev/null | grep -qix "$LOCUST_PIN"; then
	.venv/bin/python -m venv bench/.venv
	bench/.venv/bin/pip install --quiet "$LOCUST_PIN"
fi

export DEBUG=0
export SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=0
# Production sits behind a TLS proxy; the load test says so in X-Forwarded-Proto.
export SECURE_PROXY_SSL_HEADER=1
# One proxy is assumed (the settings insist); Locust sends no X-Forwarded-For, so every member
# is counted at 127.0.0.1, as a meeting on one venue's wifi is.
export TRUSTED_PROXY_COUNT=1
export DATABASE_URL="$PG/$BENCH_DB"

psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
if [ -n "${CACHE_URL:-}" ]; then
	# Sign-in counters and cached sessions from an earlier run would skew this one.
	.venv/bin/python -c "import os, redis; redis.from_url(os.environ['CACHE_URL']).flushdb()"
fi
cleanup() {
	if [ -n "${APP_PID:-}" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
	if [ -z "${KEEP_DB:-}" ]; then psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $BENCH_DB" || true; fi
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python bench/seed.py --projects "$PROJECTS" --members "$MEMBERS" --out "$OUT/seed.json"

.venv/bin/gunicorn -c gunicorn.conf.py --workers "$WORKERS" --worker-class "$WORKER_CLASS" \
	--threads "$THREADS" --bind "127.0.0.1:$PORT" \
	--log-level warning --error-logfile "$OUT/gunicorn.log" &
APP_PID=$!
for _ in $(seq 50); do
	curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
	sleep 0.2
done

# The baseline on the idle server: the median of 50 front pages, before anyone joins.
for _ in $(seq 50); do
	curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/"
done | sort -n | sed -n 25p | awk '{printf "%.2f\n", $1 * 1000}' >"$OUT/idle.txt"

# CPU seconds (user + system) of the app's workers, of PostgreSQL and of Locust, read from
# /proc before and after the meeting, so the cost per member-second is CPU, not wall time.
ticks=$(getconf CLK_TCK)
cpu_of() { # pids... -> CPU seconds
	local total=0 pid
	for pid in "$@"; do
		[ -r "/proc/$pid/stat" ] || continue
		total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
	done
	echo "$total"
}
app_pids() { echo "$APP_PID" $(pgrep -P "$APP_PID"); }
pg_pids() { pgrep -x postgres || true; }
machine_busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# Members plus one baseline visitor. Locust exits 1 when any request failed: the report says which.
STARTED=$(date +%s)
BENCH_SEED="$OUT/seed.json" BENCH_SENT="$OUT/sent.jsonl" BENCH_INTERVALS="$OUT/intervals.json" \
	bench/.venv/bin/locust -f bench/locustfile.py --headless --only-summary \
	-u $((PROJECTS * MEMBERS + 1)) -r "$SPAWN" -t "$DURATION" --stop-timeout 5 \
	--host "http://127.0.0.1:$PORT" --csv "$OUT/locust" ${LOCUST_ARGS:-} >"$OUT/locust.log" 2>&1 &
LOCUST_PID=$!
# Wait until everyone has joined (SPAWN a second, plus time to sign in), then measure.
sleep $(( (PROJECTS * MEMBERS + 1) / SPAWN + 15 ))
APP0=$(cpu_of $(app_pids)); PG0=$(cpu_of $(pg_pids)); LOC0=$(cpu_of "$LOCUST_PID"); ALL0=$(machine_busy)
T0=$(date +%s)
# Read again just before Locust's time is up.
END=$((STARTED + $(bench/.venv/bin/python -c "
import re, sys
m = re.fullmatch(r'(\d+)([smh]?)', sys.argv[1])
print(int(m[1]) * {'': 1, 's': 1, 'm': 60, 'h': 3600}[m[2]])" "$DURATION") - 3))
while [ "$(date +%s)" -lt "$END" ] && kill -0 "$LOCUST_PID" 2>/dev/null; do sleep 1; done
APP1=$(cpu_of $(app_pids)); PG1=$(cpu_of $(pg_pids)); LOC1=$(cpu_of "$LOCUST_PID"); ALL1=$(machine_busy)
T1=$(date +%s)
wait "$LOCUST_PID" || true
cat >"$OUT/cpu.json" <<JSON
{"app (gunicorn)": $(awk "BEGIN{print ($APP1 - $APP0) / $ticks}"),
 "database (PostgreSQL processes still running)": $(awk "BEGIN{print ($PG1 - $PG0) / $ticks}"),
 "Locust": $(awk "BEGIN{print ($LOC1 - $LOC0) / $ticks}"),
 "whole machine": $(awk "BEGIN{print ($ALL1 - $ALL0) / $ticks}")}
JSON
cat >"$OUT/meta.json" <<JSON
{"seconds": $((T1 - T0)), "workers": $WORKERS, "worker_class": "$WORKER_CLASS", "threads": $THREADS,
 "load_before": "$LOAD_BEFORE", "spawn": $SPAWN,
 "cache": "$([ -n "${CACHE_URL:-}" ] && echo redis || echo database)", "polls": "${BENCH_POLLS:-one}",
 "poll_wait": "${BENCH_POLL_WAIT:-server}", "stagger": "${BENCH_STAGGER:-0}", "busy_load": "${LIVE_POLL_BUSY_LOAD:-default}"}
JSON

kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=
.venv/bin/python bench/report.py "$OUT"
