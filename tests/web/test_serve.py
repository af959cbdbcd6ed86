"""`chatbot serve` as a person runs it: a real process on loopback, one worker or
two; its log names routes and statuses and nothing anyone asked."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from tests.web.browser import free_port

SECRET = "does acupuncture help Zebedee Quaxley sleep"


@contextmanager
def serving(*args: str, host: str = "127.0.0.1"):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "serve", "--host", host, "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    raise RuntimeError(process.communicate()[1]) from None
                time.sleep(0.1)
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url + "/api/ask", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _page(url: str) -> str:
    request = urllib.request.Request(url + "/ask", data=f"question={SECRET}".encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def test_serve_answers_and_logs_no_question():
    with serving() as (url, process):
        answer = _post(url, {"question": SECRET})
        assert answer["question"] == SECRET
        assert "Quaxley" in _page(url)
        with urllib.request.urlopen(url + "/sources/ea-blog?start=1&end=9", timeout=10) as r:
            assert r.headers["server"] is None  # no server banner
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Quaxley" not in out + err
    assert "start=" not in err
    assert "POST /api/ask 200" in err and "POST /ask 200" in err
    assert "GET /sources/{doc_id} 200" in err


def test_serve_with_two_workers():
    with serving("--workers", "2") as (url, process):
        answers = [_post(url, {"question": "can needles help my tiredness"}) for _ in range(6)]
        assert len({json.dumps(a, sort_keys=True) for a in answers}) == 1
    _, err = process.communicate(timeout=20)
    assert err.count("Started server process") == 2


def test_serve_with_a_broken_corpus_is_one_line_and_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "chatbot", "serve", "--corpus", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.startswith("chatbot: ")


def test_serve_rejects_a_bad_port_or_worker_count():
    for args in (["--port", "0"], ["--port", "http"], ["--workers", "0"]):
        run = subprocess.run([sys.executable, "-m", "chatbot", "serve", *args],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2
        assert run.stderr.count("\n") == 1 and "chatbot: error:" in run.stderr


def test_serve_warns_when_not_only_on_this_computer():
    with serving(host="127.0.0.2") as (_url, process):
        pass
    _, err = process.communicate(timeout=20)
    assert "not only this computer" in err


def test_the_workers_socket_keeps_tcp_nodelay():
    """uvicorn binds the workers' socket with protocol 0, so asyncio leaves Nagle on
    and each keep-alive request waits ~40 ms for a delayed ACK; ours is TCP."""
    import socket

    from chatbot.web.server import FACTORY, _TcpConfig

    config = _TcpConfig(FACTORY, factory=True, workers=2, host="127.0.0.1", port=free_port())
    sock = config.bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assert sock.get_inheritable()
    finally:
        sock.close()
