#!/usr/bin/env bash
# Find the knee: the largest meeting that holds every target, by adding members step by step.
#
#   bench/knee.sh                      one meeting: 25, 50, 75 ... members until a target breaks
#   PROJECTS=4 bench/knee.sh           four meetings at once, each growing by STEP members
#
# Settings, all optional (and those of bench/run.sh, which it runs once per step):
#   START=25 STEP=25 MAX=400   members per meeting at the first step, the step, the last
#   DURATION=1m                how long each step runs
#   QUIET=0.5                  each step waits (up to 5 minutes) for the load average to fall
#                              below this, so it doesn't start on the last one's tail
# Each step is a whole bench/run.sh (fresh database, fresh server) whose report says HOLDS or
# BREAKS (bench/report.py's targets). It stops at the first that breaks and prints the
# largest that held, per meeting and across meetings.
set -euo pipefail
cd "$(dirname "$0")/.."

START=${START:-25}
STEP=${STEP:-25}
MAX=${MAX:-400}
PROJECTS=${PROJECTS:-1}
QUIET=${QUIET:-0.5}
export DURATION=${DURATION:-1m}
export PROJECTS
KNEE=bench/out/knee-$(date -u +%Y%m%d-%H%M%S)-p${PROJECTS}
mkdir -p "$KNEE"

held=0
members=$START
while [ "$members" -le "$MAX" ]; do
	out="$KNEE/m$members"
	for _ in $(seq 60); do
		awk -v quiet="$QUIET" '{exit !($1 < quiet)}' /proc/loadavg && break
		sleep 5
	done
	echo "== $PROJECTS meeting(s) of $members members (load average before: $(cut -d' ' -f1 /proc/loadavg)) =="
	OUT="$out" MEMBERS="$members" bench/run.sh >"$out.log" 2>&1 || true
	verdict=$(cat "$out/verdict.txt" 2>/dev/null || echo "breaks")
	grep -A20 '^Verdict' "$out/report.md" 2>/dev/null || echo "no report: see $out.log"
	if [ "$verdict" != "holds" ]; then
		break
	fi
	held=$members
	members=$((members + STEP))
done

{
	echo "Largest that held: $PROJECTS meeting(s) of $held members ($((PROJECTS * held)) people in all)."
	[ "$held" -lt "$members" ] && [ "$members" -le "$MAX" ] && echo "Broke at $members members a meeting."
} | tee "$KNEE/knee.txt"
