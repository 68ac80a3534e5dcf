"""How gunicorn runs the app: `gunicorn -c gunicorn.conf.py` (README, "Deploying";
bench/run.sh). Command-line options such as --bind and --workers still win over these."""

import os


def seconds(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "coproduction.wsgi"
bind = "0.0.0.0:8000"
# Sync workers, one request each: 3 suit 2 cores (docs/performance.md).
workers = seconds("WEB_CONCURRENCY", 3)

# gunicorn kills a worker that has been busy this long, and the person sees the proxy's bare
# error instead of ours. The app gives up sooner by itself, on a database that stops answering
# (connect plus statement timeout, see coproduction/db/base.py) or a silent mail server
# (EMAIL_TIMEOUT), and shows its own error page; this limit stays above those, with room.
timeout = max(
    30,
    seconds("DATABASE_CONNECT_TIMEOUT", 5) * 2
    + seconds("DATABASE_STATEMENT_TIMEOUT", 15)
    + seconds("EMAIL_TIMEOUT", 10)
    + 10,
)
graceful_timeout = 30
