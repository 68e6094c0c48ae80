"""Safe by default: loopback names only, a token beyond the loopback, bounded bodies and lanes."""

from __future__ import annotations

import asyncio
import time

import pytest
from fastapi.testclient import TestClient

from grantstack.web import Lane, ServeSettings, SolvePool, create_app
from grantstack.web.pool import Busy


def test_foreign_host_names_are_refused(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_binding_beyond_the_loopback_needs_a_token(pool: SolvePool) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(ServeSettings(host="0.0.0.0"), pool=pool)
    with TestClient(create_app(ServeSettings(host="0.0.0.0", token="s3cret"), pool=pool)) as c:
        assert c.get("/").status_code == 401
        assert c.get("/", params={"token": "wrong"}).status_code == 401
        res = c.get("/", params={"token": "s3cret"})
        assert res.status_code == 200 and "grantstack_token" in res.headers["set-cookie"]
        assert c.get("/healthz").status_code == 200  # the cookie now carries the token
        assert c.get("/healthz", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_request_bodies_are_limited(pool: SolvePool) -> None:
    with TestClient(create_app(ServeSettings(max_body=2048), pool=pool)) as c:
        res = c.post("/open/text", data={"text": "x" * 5000})
        assert res.status_code == 413 and "2,048 bytes" in res.text


def test_a_full_lane_refuses_at_once() -> None:
    pool = SolvePool(Lane("typical", 1, 1, 5.0), Lane("long", 1, 1, 5.0))

    async def two() -> list[object]:
        first = asyncio.create_task(pool.run("typical", time.sleep, 1.0))
        await asyncio.sleep(0.05)
        return await asyncio.gather(first, pool.run("typical", time.sleep, 0.0), return_exceptions=True)

    try:
        first, second = asyncio.run(two())
        assert first is None and isinstance(second, Busy)
    finally:
        pool.close()


def test_heavy_firms_go_to_the_long_lane(pool: SolvePool) -> None:
    assert pool.lane_for("k", 55, 150, 1.0) == "typical"
    assert pool.lane_for("k", 800, 150, 1.0) == "long"
    pool.seconds["slow"] = 2.5
    assert pool.lane_for("slow", 10, 150, 1.0) == "long"
