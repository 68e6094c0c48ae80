"""One solver pool per test session (spawning workers is the slow part), a fresh app and client per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from grantstack.web import Lane, ServeSettings, SolvePool, create_app


@pytest.fixture(scope="session")
def pool() -> Iterator[SolvePool]:
    """A typical lane and a long lane with one worker each."""
    p = SolvePool(Lane("typical", 1, 8, 10.0), Lane("long", 1, 4, 30.0))
    p.warm()
    yield p
    p.close()


@pytest.fixture
def client(pool: SolvePool) -> Iterator[TestClient]:
    """A client of a loopback app with default limits."""
    with TestClient(create_app(ServeSettings(), pool=pool)) as c:
        yield c


@pytest.fixture
def opened(client: TestClient) -> TestClient:
    """A client whose workspace holds the Tongzhou example firm."""
    res = client.post("/open/example", data={"name": "tongzhou_manufacturer"})
    assert res.status_code == 200, res.text[-2000:]
    return client
