"""The one server-process helper of the benchmarks and the durability tests."""

from __future__ import annotations

import httpx
import pytest

from bench.ports import free_port
from bench.server_process import ServerProcess, ServerStartError, server_args


def _http_server(tmp_path, port: int) -> ServerProcess:
    # The standard library's file server stands in for the turn server: it starts fast.
    (tmp_path / "health").write_text("ok")
    args = [str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)]
    return ServerProcess(
        args,
        port,
        tmp_path / "server.log",
        module="http.server",
        health_url=f"http://127.0.0.1:{port}/health",
    )


def test_starts_waits_for_health_and_stops(tmp_path):
    port = free_port()
    with _http_server(tmp_path, port) as server:
        assert server.alive()
        assert server.url == f"http://127.0.0.1:{port}"
        assert httpx.get(f"{server.url}/health", trust_env=False).text == "ok"
        assert server.rss_bytes() > 0
        assert server.cpu_seconds() >= 0
    assert not server.alive()


def test_kill_is_immediate_and_a_restart_appends_to_the_log(tmp_path):
    server = _http_server(tmp_path, free_port())
    server.start()
    server.kill()
    assert not server.alive()
    server.start()
    try:
        assert server.alive()
    finally:
        server.stop()
    assert server.log_path.exists()


def test_a_server_that_exits_at_start_is_reported_with_its_log(tmp_path):
    server = ServerProcess(["--no-such-option"], free_port(), tmp_path / "server.log")
    with pytest.raises(ServerStartError, match="exited at start") as caught:
        server.start(timeout_s=30)
    assert "no-such-option" in str(caught.value) or "usage" in str(caught.value).lower()
    assert not server.alive()


def test_server_args_name_the_centre_folder_port_and_clock(tmp_path):
    args = server_args(
        config=tmp_path / "centre.yaml",
        data_dir=tmp_path,
        port=8123,
        start_at="10:00",
        db_url="postgresql+psycopg://x@h/db",
    )
    assert args[0] == "server"
    assert args[args.index("--port") + 1] == "8123"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert "--no-zeroconf" in args
    assert args[args.index("--start-at") + 1] == "10:00"
    assert args[args.index("--db") + 1] == "postgresql+psycopg://x@h/db"
    assert "--db" not in server_args(config=tmp_path, data_dir=tmp_path, port=1)
