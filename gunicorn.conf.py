"""gunicorn's settings for Inddrag (docs/deployment.md): `gunicorn -c gunicorn.conf.py
inddrag.wsgi`. Every value can be changed from the environment; the defaults suit a container
behind Caddy (compose.yaml) or a systemd unit behind any TLS-terminating proxy."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Where to listen. In the container the proxy reaches the app on the compose network.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")
# Sync workers: a request holds a worker while it waits for PostgreSQL, so 2–4 per core.
# WEB_CONCURRENCY is the usual name (Heroku, Render, the buildpacks).
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
# A request that takes longer is killed (the worker restarts): far above any page's p95; the
# memo is built by the task worker, not in a request.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # behind a proxy that keeps connections open
# Workers are replaced now and then: a slow leak never grows without end.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Heartbeat files in memory, not on the container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# The proxy's addresses whose X-Forwarded-* headers gunicorn believes ("*" in compose, where
# only Caddy can reach the app; the proxy's address on a plain server).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Never a request body or headers of unbounded size.
limit_request_line = 8190
limit_request_fields = 100

# Logs on stderr. The access log is off by default (the proxy keeps one; /healthz is asked every
# few seconds); GUNICORN_ACCESS_LOG=1 turns it on. With INDDRAG_LOG_FORMAT=json (the production
# default) gunicorn's own lines are JSON like the app's, with the request id.
errorlog = "-"
_access = os.environ.get("GUNICORN_ACCESS_LOG", "").lower() in ("1", "true", "yes")
accesslog = "-" if _access else None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_debug = os.environ.get("DEBUG", "").lower() in ("1", "true", "yes", "on")
if os.environ.get("INDDRAG_LOG_FORMAT", "text" if _debug else "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "inddrag.lib.logs.JsonFormatter"}},
        "filters": {"request_id": {"()": "inddrag.lib.logs.RequestIdFilter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }

# --- Prometheus (/metrics, docs/deployment.md "Metrics") -----------------------------------------
# Each worker is a process with its own counters: prometheus_client's multiprocess mode keeps
# them in files in one folder per gunicorn master (set here, before any worker imports the app),
# which /metrics sums; a dead worker's files are marked so. PROMETHEUS_MULTIPROC_DIR chooses the
# folder (emptied of counter files at start); otherwise one is made and removed at exit.
import glob  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(
        worker_tmp_dir or tempfile.gettempdir(), f"inddrag-prometheus-{os.getpid()}"
    )


def on_starting(server):
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(folder, exist_ok=True)
    for stale in glob.glob(os.path.join(folder, "*.db")):  # a previous run's are not this one's
        os.remove(stale)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
