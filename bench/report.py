"""Summarise a bench run: per kind of request, and whether every accepted write is in the database.

    DATABASE_URL=postgres://... .venv/bin/python bench/report.py bench/out/<run>

Reads <run>/locust_stats.csv, <run>/seed.json and <run>/sent.jsonl; writes <run>/report.md and
prints it. Exits 1 if a write the server accepted is missing or saved twice.
"""

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")

BASELINE = "baseline: front page"


def stats_table(rows: list[dict]) -> list[str]:
    base = next((r for r in rows if r["Name"] == BASELINE), None)
    base_median = float(base["50%"]) if base else None
    base_p95 = float(base["95%"]) if base else None
    lines = [
        "| request | count | errors | median ms | p95 ms | p99 ms | req/s "
        "| median ÷ baseline | p95 ÷ baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        median, p95 = float(r["50%"]), float(r["95%"])
        ratio_median = f"{median / base_median:.1f}" if base_median else "–"
        ratio_p95 = f"{p95 / base_p95:.1f}" if base_p95 else "–"
        lines.append(
            f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} "
            f"| {r['95%']} | {r['99%']} | {float(r['Requests/s']):.1f} "
            f"| {ratio_median} | {ratio_p95} |"
        )
    return lines


def lost_write_check(project_ids: list[int], sent: list[dict]) -> tuple[list[str], bool]:
    import django

    django.setup()
    from lake.models import PostIt
    from marks.models import RoundParticipant, Score

    problems = []
    scores = {}
    for row in sent:
        if row["kind"] == "score":
            # A member may change a score: the last accepted value is the one that counts.
            scores[(row["round"], row["member"])] = row["value"]
    # A round that doesn't show names forgets whose each score was when it is revealed: there,
    # each member who scored must be a participant once, and the round's nameless values must
    # be exactly the values those members sent last.
    saved = Counter()
    values = {}
    nameless: dict[int, Counter] = {}
    for round_id, email, value in Score.objects.filter(
        round__in={r for r, _ in scores}
    ).values_list("round_id", "member__email", "value"):
        if email is None:
            nameless.setdefault(round_id, Counter())[value] += 1
            continue
        saved[(round_id, email)] += 1
        values[(round_id, email)] = value
    took_part = Counter(
        RoundParticipant.objects.filter(round__in=set(nameless)).values_list(
            "round_id", "member__email"
        )
    )
    expected_nameless: dict[int, Counter] = {}
    for (round_id, email), value in scores.items():
        if round_id in nameless and saved[(round_id, email)] == 0:
            expected_nameless.setdefault(round_id, Counter())[value] += 1
            if took_part[(round_id, email)] != 1:
                problems.append(f"score {(round_id, email)}: not counted as taking part once")
        elif saved[(round_id, email)] != 1:
            problems.append(
                f"score {(round_id, email)}: {saved[(round_id, email)]} rows, expected 1"
            )
        elif values[(round_id, email)] != value:
            problems.append(
                f"score {(round_id, email)}: {values[(round_id, email)]} saved, {value} sent"
            )
    for round_id, counted in nameless.items():
        if counted != expected_nameless.get(round_id, Counter()):
            problems.append(f"round {round_id}: its nameless scores differ from those sent")

    texts = [row["text"] for row in sent if row["kind"] == "postit"]
    counts = Counter(
        PostIt.objects.filter(project_id__in=project_ids, text__in=texts).values_list(
            "text", flat=True
        )
    )
    for text in texts:
        if counts[text] != 1:
            problems.append(f"post-it {text!r}: {counts[text]} rows, expected 1")
    # Writes that reached the database without the member seeing them accepted (a timeout).
    unacknowledged = (
        PostIt.objects.filter(project_id__in=project_ids, text__startswith="Bench idea ")
        .exclude(text__in=texts)
        .count()
    )
    lines = [
        f"- scores accepted: {len(scores)}; post-its accepted: {len(texts)}",
        f"- missing or duplicated: {len(problems)}",
        f"- post-its saved whose answer never reached the member: {unacknowledged}",
    ]
    lines += [f"  - {p}" for p in problems[:20]]
    return lines, not problems


# The targets (docs/performance.md): polls p95 under 150 ms, every other page and post under
# 300 ms, and the baseline's median under 3 times what an idle server answers in.
POLL_P95_MS = 150
PAGE_P95_MS = 300
SATURATED_RATIO = 3
# Everyone joining at the start (SPAWN members a second) is in within 10 seconds.
SIGN_IN_P95_MS = 10_000


def verdict(rows: list[dict], idle_ms: float | None, lost_ok: bool) -> tuple[bool, list[str]]:
    """Whether the run holds every target, with each one that broke."""
    broken = []
    for r in rows:
        name = r["Name"]
        if name == "Aggregated" or "(while people join)" in name or name == BASELINE:
            continue
        if name == "sign-in page":
            continue
        if name == "sign in":
            limit = SIGN_IN_P95_MS
        else:
            limit = POLL_P95_MS if "poll" in name else PAGE_P95_MS
        if float(r["95%"]) > limit:
            broken.append(f"{name}: p95 {r['95%']} ms, target {limit}")
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    if failures:
        broken.append(f"{failures} requests failed")
    if not lost_ok:
        broken.append("writes were lost or doubled")
    base = next((r for r in rows if r["Name"] == BASELINE), None)
    if base and idle_ms:
        ratio = float(base["50%"]) / idle_ms
        if ratio >= SATURATED_RATIO:
            broken.append(
                f"saturated: the baseline's median is {ratio:.1f} times its idle value "
                f"({base['50%']} ms against {idle_ms:.1f} ms)"
            )
    return not broken, broken


def cpu_lines(run: Path, seconds: float, members: int) -> list[str]:
    """CPU per member-second, from the processes' CPU time that run.sh read before and after."""
    path = run / "cpu.json"
    if not path.exists() or not seconds or not members:
        return []
    cpu = json.loads(path.read_text())
    lines = ["", "CPU time during the meeting (from /proc, not wall time):", ""]
    lines.append("| processes | CPU seconds | CPU ms per member-second |")
    lines.append("| --- | ---: | ---: |")
    for name, value in cpu.items():
        lines.append(f"| {name} | {value:.1f} | {value * 1000 / (members * seconds):.2f} |")
    return lines


def main() -> None:
    run = Path(sys.argv[1])
    seed = json.loads((run / "seed.json").read_text())
    projects = seed.get("projects") or [seed]
    with open(run / "locust_stats.csv") as f:
        rows = list(csv.DictReader(f))
    sent_path = run / "sent.jsonl"
    sent = [json.loads(line) for line in sent_path.read_text().splitlines() if line.strip()]
    idle_path = run / "idle.txt"
    idle_ms = float(idle_path.read_text()) if idle_path.exists() else None
    members = sum(len(p["members"]) + 1 for p in projects)
    meta_path = run / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    lines = [f"## Bench run {run.name}", ""]
    if meta:
        lines += [
            f"- {len(projects)} project(s) of {members // len(projects)} members, "
            f"{meta.get('seconds', '?')} s, {meta.get('workers', '?')} workers "
            f"({meta.get('worker_class', 'sync')}), load average before: "
            f"{meta.get('load_before', '?')}",
            f"- cache (and sessions): {meta.get('cache', 'database')}; polls per member: "
            f"{meta.get('polls', 'both')}; each poll waits: "
            f"{'2 s, fixed' if meta.get('poll_wait') == 'fixed' else 'what the server asks'}"
            f" (busy from a load per processor of {meta.get('busy_load', 'default')})"
            + ("; meetings' rounds spread over the cycle" if meta.get("stagger") == "1" else ""),
        ]
    waits_path = run / "intervals.json"
    if waits_path.exists() and (waits := json.loads(waits_path.read_text())):
        polls = sum(waits.values())
        lines.append(
            "- the server asked polls to wait: "
            + ", ".join(f"{s} s for {n * 100 / polls:.0f}%" for s, n in waits.items())
        )
    if idle_ms:
        lines.append(f"- baseline front page on the idle server: median {idle_ms:.1f} ms")
    lines += ["", *stats_table(rows), "", "Lost-write check:", ""]
    check, ok = lost_write_check([p["project_id"] for p in projects], sent)
    lines += check
    lines.append(f"- result: {'PASS' if ok else 'FAIL'}")
    lines += cpu_lines(run, float(meta.get("seconds", 0)), members)
    holds, broken = verdict(rows, idle_ms, ok)
    lines += ["", f"Verdict: {'HOLDS' if holds else 'BREAKS'}"]
    lines += [f"- {b}" for b in broken]
    text = "\n".join(lines) + "\n"
    (run / "report.md").write_text(text)
    (run / "verdict.txt").write_text("holds\n" if holds else "breaks\n")
    print(text)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
