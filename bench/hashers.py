"""The CPU time one sign-in's password check costs, for each password hasher the app accepts.

    .venv/bin/python bench/hashers.py [rounds]

CPU time of this process (time.process_time), not wall time, so a busy machine changes the
result little. Prints the mean milliseconds per check for each hasher, at Django's settings.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.pop("COPRODUCTION_TEST_SETTINGS", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import get_hasher  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402


def cost_ms(algorithm: str, rounds: int) -> tuple[float, float]:
    """Mean CPU and wall milliseconds of one check (CPU counts every thread of the process)."""
    hasher = get_hasher(algorithm)
    encoded = hasher.encode("correct horse battery staple", hasher.salt())
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        assert hasher.verify("correct horse battery staple", encoded)
    return (
        (time.process_time() - cpu) * 1000 / rounds,
        (time.perf_counter() - wall) * 1000 / rounds,
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(f"Milliseconds per password check, mean of {rounds}:")
    print(f"  {'hasher':<16} {'CPU':>8} {'wall':>8}")
    for path in settings.PASSWORD_HASHERS:
        algorithm = import_string(path).algorithm
        cpu, wall = cost_ms(algorithm, rounds)
        print(f"  {algorithm:<16} {cpu:8.1f} {wall:8.1f}")


if __name__ == "__main__":
    main()
