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


def lost_write_check(project_id: int, sent: list[dict]) -> tuple[list[str], bool]:
    import django

    django.setup()
    from lake.models import PostIt
    from marks.models import Score

    problems = []
    scores = {}
    for row in sent:
        if row["kind"] == "score":
            # A member may change a score: the last accepted value is the one that counts.
            scores[(row["round"], row["member"])] = row["value"]
    saved = Counter()
    values = {}
    for round_id, email, value in Score.objects.filter(
        round__in={r for r, _ in scores}
    ).values_list("round_id", "member__email", "value"):
        saved[(round_id, email)] += 1
        values[(round_id, email)] = value
    for key, value in scores.items():
        if saved[key] != 1:
            problems.append(f"score {key}: {saved[key]} rows, expected 1")
        elif values[key] != value:
            problems.append(f"score {key}: {values[key]} saved, {value} sent")

    texts = [row["text"] for row in sent if row["kind"] == "postit"]
    counts = Counter(
        PostIt.objects.filter(project_id=project_id, text__in=texts).values_list("text", flat=True)
    )
    for text in texts:
        if counts[text] != 1:
            problems.append(f"post-it {text!r}: {counts[text]} rows, expected 1")
    # Writes that reached the database without the member seeing them accepted (a timeout).
    unacknowledged = (
        PostIt.objects.filter(project_id=project_id, text__startswith="Bench idea ")
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


def main() -> None:
    run = Path(sys.argv[1])
    seed = json.loads((run / "seed.json").read_text())
    with open(run / "locust_stats.csv") as f:
        rows = list(csv.DictReader(f))
    sent_path = run / "sent.jsonl"
    sent = [json.loads(line) for line in sent_path.read_text().splitlines() if line.strip()]
    lines = [f"## Bench run {run.name}", "", *stats_table(rows), "", "Lost-write check:", ""]
    check, ok = lost_write_check(seed["project_id"], sent)
    lines += check
    lines.append(f"- result: {'PASS' if ok else 'FAIL'}")
    text = "\n".join(lines) + "\n"
    (run / "report.md").write_text(text)
    print(text)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
