"""The deadline day for locust (issue #14): readers of a hearing's pages, then citizens posting
in the last minutes. Driven by benchmarks/deadline_day.py, which starts the servers and passes
everything in the environment; never import this from Django code or the tests (locust patches
the standard library with gevent on import).

    .venv/bin/python benchmarks/deadline_day.py            # starts everything, runs this file

The shape (``DeadlineDay``): readers arrive over the first half of the run (LOAD_READERS
users, each reading a page every LOAD_THINK seconds on average, give or take half: the process
page most, the list of processes and the API's list and detail); in the second half the posters
come (LOAD_POSTERS users, each posting every 1–3 s), while every reader keeps reading. Each post
has its own Idempotency-Key, a text naming the key and its own e-mail address; a connection
error or a 5xx is retried with the same key against the other server (up to 6 attempts), as a
browser's resend or an API client would. The
final answer of every post is written as a JSON line to LOAD_POSTS_FILE for the driver to check
against the database.
"""

from __future__ import annotations

import json
import os
import random
import time

from locust import HttpUser, LoadTestShape, between, events, task

SERVERS = os.environ["LOAD_SERVERS"].split(",")  # http://127.0.0.1:8761,http://127.0.0.1:8762
PROCESS = int(os.environ["LOAD_PROCESS"])
PROCESS_PAGE = os.environ["LOAD_PROCESS_PAGE"]
READERS = int(os.environ.get("LOAD_READERS", "1000"))
POSTERS = int(os.environ.get("LOAD_POSTERS", "40"))
DURATION = float(os.environ.get("LOAD_SECONDS", "150"))
RUN = os.environ.get("LOAD_RUN", "run")
THINK = float(os.environ.get("LOAD_THINK", "20"))  # a reader's mean seconds between pages
POSTS_FILE = os.environ["LOAD_POSTS_FILE"]
ATTEMPTS = 6

TEXT = (
    "Jeg bor på Banegårdspladsen og har læst forslaget til lokalplan. Jeg er bekymret for "
    "trafikken i de små veje, og for at de store træer ved stien forsvinder. Kan I bevare "
    "træerne og lave en sikker cykelsti langs Ballerup Byvej? Tak for muligheden."
)

_posts = open(POSTS_FILE, "a", buffering=1)  # noqa: SIM115 (one line per post, for the run)
_counter = 0


def _server() -> str:
    return random.choice(SERVERS)


class Reader(HttpUser):
    """A citizen reading about the hearing."""

    host = SERVERS[0]
    wait_time = between(THINK / 2, THINK * 1.5)

    @task(6)
    def process_page(self) -> None:
        self.client.get(_server() + PROCESS_PAGE, name="process page")

    @task(2)
    def process_list(self) -> None:
        self.client.get(_server() + "/forloeb/", name="process list")

    @task(2)
    def api_contributions(self) -> None:
        self.client.get(
            f"{_server()}/api/v1/processes/{PROCESS}/contributions",
            name="API contributions",
        )

    @task(1)
    def api_process(self) -> None:
        self.client.get(f"{_server()}/api/v1/processes/{PROCESS}", name="API process")


class Poster(HttpUser):
    """A citizen (or an organisation's client) sending a contribution just before the deadline."""

    host = SERVERS[0]
    wait_time = between(1, 3)

    @task
    def post(self) -> None:
        global _counter
        _counter += 1
        n = _counter
        key = f"spike-{RUN}-{os.getpid()}x{n}"
        body = json.dumps(
            {
                "text": f"Bidrag {n} på fristdagen (nøgle {key}). {TEXT}",
                "speaking_as": "private",
                "consent": "name",
                "name": f"Borger {n}",
                "email": f"borger{os.getpid()}x{n}.{RUN}@example.dk",
            }
        )
        first = random.randrange(len(SERVERS))
        status, attempts = None, []
        started = time.time()
        for attempt in range(ATTEMPTS):
            server = SERVERS[(first + attempt) % len(SERVERS)]
            with self.client.post(
                f"{server}/api/v1/processes/{PROCESS}/contributions",
                data=body,
                headers={"Content-Type": "application/json", "Idempotency-Key": key},
                name="API POST" if attempt == 0 else "API POST (retry)",
                catch_response=True,
            ) as response:
                code = response.status_code or None
                attempts.append(code)
                if code in (200, 201):
                    response.success()
                    status = code
                    break
                response.failure(f"{code}")
                if code is not None and code < 500:
                    status = code
                    break
            time.sleep(min(0.1 * 2**attempt, 2.0))
        _posts.write(
            json.dumps({"key": key, "status": status, "attempts": attempts, "t": started}) + "\n"
        )


class DeadlineDay(LoadTestShape):
    """Readers ramp up over the first half; posters join in the second half; then stop."""

    def tick(self):
        elapsed = self.get_run_time()
        if elapsed > DURATION:
            return None
        half = DURATION / 2
        if elapsed < half:
            return READERS, max(1.0, READERS / (half * 0.8)), [Reader]
        return READERS + POSTERS, max(1.0, POSTERS / 10), [Poster]


@events.quitting.add_listener
def _close(environment, **kwargs) -> None:
    _posts.close()
