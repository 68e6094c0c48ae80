"""grantstack serve: start the advisor's page on the loopback (a token is required anywhere else)."""

from __future__ import annotations

import secrets

import typer

from grantstack.models.loading import InputError

__all__ = ["serve_cmd"]


def serve_cmd(host: str, port: int, token: str | None, workers: int, long_workers: int, time_limit: float,
              max_body: int) -> None:
    """Serve the advisor's web page: open a firm, edit it, compare scenarios, download reports."""
    try:
        import uvicorn

        from grantstack.web import Lane, ServeSettings, create_app
        from grantstack.web.security import is_loopback
    except ImportError as exc:
        raise InputError(f"grantstack serve needs the web extra: pip install 'grantstack[web]' ({exc}).") from None
    if not 1 <= port <= 65535 or workers < 1 or long_workers < 1 or time_limit <= 0 or max_body < 1024:
        raise InputError("serve: --port must be 1-65535, --workers and --long-workers at least 1, --time-limit "
                         "positive and --max-body at least 1024 bytes.")
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(24)
    settings = ServeSettings(
        host=host, port=port, token=token, max_body=max_body,
        typical=Lane("typical", workers, 16 * workers, time_limit), long=Lane("long", long_workers, 8, 6 * time_limit),
    )  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    suffix = f"/?token={token}" if token else "/"
    typer.echo(f"grantstack serve: open http://{shown}:{port}{suffix}  (Ctrl-C stops it)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
