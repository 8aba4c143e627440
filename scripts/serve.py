"""``make serve [REPLICAS=N] [PORT=8501]``: N Streamlit processes behind Debian's nginx.

Each replica is ``streamlit run app.py`` on an internal port bound to 127.0.0.1; nginx listens
on PORT and proxies HTTP and the websocket to them with cookie affinity (why a cookie:
deploy/nginx.conf.template). The nginx configuration is that template, filled with
``string.Template``; nginx runs as the current user with its own prefix, pid file, logs and temp
folders under ``<state dir>/serve`` (nothing under /etc). Every replica answers
``/_stcore/health`` before nginx starts; afterwards nginx takes a failing replica out
(max_fails/fail_timeout) and this supervisor restarts one that exits. Ctrl-C (or
``make stop``, through the pid file ``<state dir>/serve/serve.pid``) stops every process it
started, nginx first so no request reaches a replica that is going away.

Usage: ``python -m scripts.serve [--replicas N] [--port P] [--server-name NAME]`` and
``python -m scripts.serve --stop``. Tests and the benchmark use :func:`running`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from governance.state import state_dir

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
HEALTH_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0
# A replica that exits is restarted at once; one that exits again within STABLE_S of its
# restart waits BACKOFF_S, then twice as long each time, at most BACKOFF_MAX_S (a replica that
# cannot start — a broken config, a port taken — must not spin the machine at 100%).
STABLE_S, BACKOFF_S, BACKOFF_MAX_S = 60.0, 2.0, 60.0


class NginxTemplate(string.Template):
    """``@@{name}`` fields: nginx's own ``$variables`` pass through untouched."""

    delimiter = "@@"


def default_work_dir() -> Path:
    return state_dir() / "serve"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str:
    """Debian's nginx; installed with apt-get when missing (as the test set-up does)."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    print("nginx 未安装，正在安装 Debian 的 nginx 软件包 …", file=sys.stderr, flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "nginx"], check=True, env=env)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def upload_limit_mb() -> int:
    """The importer's upload limit, so nginx never refuses what the page would accept."""
    from governance.importer.read import Limits

    return max(1, Limits().max_bytes // (1024 * 1024)) + 1  # + the multipart envelope


def render(
    *,
    replica_ports: list[int],
    listen_port: int,
    work_dir: Path,
    temp_dir: Path,
    listen_address: str = "0.0.0.0",
    server_name: str = "_",
    tls_certificate: str = "/etc/ssl/certs/governance-dashboard.crt",
    tls_certificate_key: str = "/etc/ssl/private/governance-dashboard.key",
    worker_processes: int | str = "auto",
) -> str:
    """The nginx configuration: the template with every field filled (KeyError if one is not)."""
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in replica_ports
    )
    # As root the master may switch users; the workers then run as nobody (temp dir theirs).
    worker_user = "user nobody nogroup;" if os.geteuid() == 0 else "# (workers run as you)"
    return NginxTemplate(TEMPLATE.read_text(encoding="utf-8")).substitute(
        worker_user=worker_user,
        worker_processes=worker_processes,
        pid_file=work_dir / "nginx.pid",
        error_log=work_dir / "nginx-error.log",
        access_log=work_dir / "nginx-access.log",
        temp_dir=temp_dir,
        max_body=f"{upload_limit_mb()}m",
        upstream_servers=servers,
        listen_address=listen_address,
        listen_port=listen_port,
        server_name=server_name,
        tls_certificate=tls_certificate,
        tls_certificate_key=tls_certificate_key,
        cookie_secure="",
    )


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def wait_healthy(base: str, proc: subprocess.Popen, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not healthy(base):
        if proc.poll() is not None:
            raise RuntimeError(f"{what} 启动失败（退出码 {proc.returncode}）")
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{what} 在 {timeout:.0f} 秒内没有通过健康检查（{base}/_stcore/health）"
            )
        time.sleep(0.3)


def _stop_process(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT_S)


@dataclass
class Replica:
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    started_at: float = 0.0  # time.monotonic() of the last start
    quick_exits: int = 0  # exits in a row, each within STABLE_S of its start
    due: float | None = None  # when an exited replica is started again

    def restart_delay(self) -> float:
        """Seconds to wait before starting again, after ``quick_exits`` quick exits."""
        if self.quick_exits <= 1:
            return 0.0
        return min(BACKOFF_MAX_S, BACKOFF_S * 2 ** (self.quick_exits - 2))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, env: dict[str, str]) -> None:
        self.started_at, self.due = time.monotonic(), None
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(ROOT / "app.py"),
                    "--server.address=127.0.0.1",
                    f"--server.port={self.port}",
                    "--server.headless=true",
                    "--browser.gatherUsageStats=false",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the supervisor, which stops in order
            )


@dataclass
class Deployment:
    """A running set: nginx on ``port`` in front of ``replicas``."""

    port: int
    work_dir: Path
    replicas: list[Replica]
    env: dict[str, str]
    nginx: subprocess.Popen | None = None
    temp_dir: Path | None = None
    restarts: int = 0
    ready: bool = False  # set by the supervisor once everything answers
    _stopped: bool = field(default=False, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.work_dir / "serve.pid"

    def pids(self) -> dict[str, object]:
        return {
            "supervisor": os.getpid(),
            "nginx": self.nginx.pid if self.nginx else None,
            "replicas": [r.proc.pid for r in self.replicas if r.proc],
            "port": self.port,
            "ready": self.ready,
        }

    def write_pid_file(self) -> None:
        tmp = self.pid_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.pids()), encoding="utf-8")
        os.replace(tmp, self.pid_file)  # a reader (make stop) never sees half a file

    def check(self, now: float | None = None) -> None:
        """Restart a replica whose process has exited (nginx routes around it meanwhile): at
        once, or after a growing delay when it keeps exiting soon after each start."""
        if self.nginx is not None and self.nginx.poll() is not None:
            raise RuntimeError(
                f"nginx 已退出（退出码 {self.nginx.returncode}），"
                f"见 {self.work_dir / 'nginx-error.log'}"
            )
        now = time.monotonic() if now is None else now
        for r in self.replicas:
            if r.proc is None or r.proc.poll() is None:
                continue
            if r.due is None:  # seen exiting for the first time
                r.quick_exits = r.quick_exits + 1 if now - r.started_at < STABLE_S else 1
                delay = r.restart_delay()
                r.due = now + delay
                wait = f"{delay:.0f} 秒后重启" if delay else "正在重启"
                print(
                    f"副本 127.0.0.1:{r.port} 已退出（退出码 {r.proc.returncode}），{wait} …",
                    file=sys.stderr,
                    flush=True,
                )
            if now >= r.due:
                r.start(self.env)
                self.restarts += 1
                self.write_pid_file()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.nginx is not None:
            _stop_process(self.nginx, signal.SIGQUIT)  # graceful: finish requests, then exit
        for r in self.replicas:
            if r.proc is not None and r.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    r.proc.terminate()
        for r in self.replicas:
            if r.proc is not None:
                _stop_process(r.proc)
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
        with contextlib.suppress(OSError):
            if (
                json.loads(self.pid_file.read_text(encoding="utf-8")).get("supervisor")
                == os.getpid()
            ):
                self.pid_file.unlink()


def start(
    replicas: int,
    port: int,
    *,
    work_dir: Path | None = None,
    env: dict[str, str] | None = None,
    listen_address: str = "0.0.0.0",
    server_name: str = "_",
) -> Deployment:
    """Start ``replicas`` Streamlit processes, wait for their health, then start nginx."""
    if replicas < 1:
        raise ValueError(f"副本数应至少为 1，当前为 {replicas}。")
    work = (work_dir or default_work_dir()).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if (work / "serve.pid").exists() and _alive_supervisor(work / "serve.pid"):
        raise RuntimeError(f"已有一组服务在运行（{work / 'serve.pid'}）；请先 make stop。")
    run_env = {**os.environ, **(env or {})}
    run_env.pop("STREAMLIT_SERVER_PORT", None)  # each replica gets its own port below
    dep = Deployment(
        port,
        work,
        [Replica(free_port(), work / f"replica-{i + 1}.log") for i in range(replicas)],
        run_env,
    )
    try:
        for r in dep.replicas:
            r.start(run_env)
        dep.write_pid_file()
        for i, r in enumerate(dep.replicas):
            wait_healthy(r.base, r.proc, f"副本 {i + 1}（127.0.0.1:{r.port}）", HEALTH_TIMEOUT_S)
        dep.temp_dir = Path(tempfile.mkdtemp(prefix="governance-nginx-"))
        if os.geteuid() == 0:
            shutil.chown(dep.temp_dir, "nobody", "nogroup")
        conf = work / "nginx.conf"
        conf.write_text(
            render(
                replica_ports=[r.port for r in dep.replicas],
                listen_port=port,
                work_dir=work,
                temp_dir=dep.temp_dir,
                listen_address=listen_address,
                server_name=server_name,
            ),
            encoding="utf-8",
        )
        nginx = nginx_binary()
        subprocess.run(
            [
                nginx,
                "-t",
                "-q",
                "-p",
                str(work),
                "-e",
                str(work / "nginx-error.log"),
                "-c",
                str(conf),
            ],
            check=True,
            capture_output=True,
        )
        dep.nginx = subprocess.Popen(
            [
                nginx,
                "-p",
                str(work),
                "-e",
                str(work / "nginx-error.log"),
                "-c",
                str(conf),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=(work / "nginx-stderr.log").open("ab"),
            start_new_session=True,
        )
        dep.write_pid_file()
        try:
            wait_healthy(f"http://127.0.0.1:{port}", dep.nginx, f"nginx（端口 {port}）", 30)
        except RuntimeError as e:  # e.g. the port is taken: nginx's own words say so
            raise RuntimeError(f"{e}：{_last_error(work / 'nginx-error.log')}") from None
    except BaseException:
        dep.stop()
        raise
    return dep


def _last_error(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "（没有日志）"
    if not lines:
        return "（日志为空）"
    # nginx ends with "still could not bind()"; the line before it names the reason.
    reason = next((ln for ln in reversed(lines) if "failed (" in ln), lines[-1])
    return re.sub(r"^\S+ \S+ \[\w+\] \d+#\d+: ", "", reason)  # less time, level and pid


@contextlib.contextmanager
def running(replicas: int, port: int | None = None, **kwargs) -> Iterator[Deployment]:
    """A deployment for the length of a ``with`` block (tests, benchmark)."""
    dep = start(replicas, port or free_port(), **kwargs)
    try:
        yield dep
    finally:
        dep.stop()


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _alive_supervisor(pid_file: Path) -> bool:
    try:
        pid = int(json.loads(pid_file.read_text(encoding="utf-8"))["supervisor"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return "scripts.serve" in _cmdline(pid) or "scripts/serve.py" in _cmdline(pid)


def stop_from_pid_file(work_dir: Path | None = None) -> int:
    """``make stop``: ask the supervisor to stop; if it is gone, stop what it left, by pid."""
    pid_file = (work_dir or default_work_dir()) / "serve.pid"
    try:
        info = json.loads(pid_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"没有正在运行的服务（找不到 {pid_file}）。")
        return 0
    sup = info.get("supervisor")
    if isinstance(sup, int) and _alive_supervisor(pid_file):
        os.kill(sup, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S * 2
        while time.monotonic() < deadline and _cmdline(sup):
            time.sleep(0.2)
    # Whatever is still there and is still ours (the pid's command line says so).
    left = [(info.get("nginx"), "nginx")] + [(p, "streamlit") for p in info.get("replicas") or []]
    for pid, marker in left:
        if isinstance(pid, int) and marker in _cmdline(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    pid_file.unlink(missing_ok=True)
    print("服务已停止。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--listen", default="0.0.0.0", help="nginx 监听的地址")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--stop", action="store_true", help="停止 make serve 启动的全部进程")
    args = parser.parse_args(argv)
    if args.stop:
        return stop_from_pid_file()

    stopping = []

    def on_signal(signum, _frame) -> None:
        stopping.append(signum)
        raise KeyboardInterrupt

    # Installed explicitly: a shell's background job starts with SIGINT ignored.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    try:
        dep = start(
            args.replicas, args.port, listen_address=args.listen, server_name=args.server_name
        )
    except KeyboardInterrupt:
        return 130
    except (RuntimeError, ValueError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", b"") or b""
        if isinstance(detail, bytes):
            detail = detail.decode(errors="replace")
        print(f"启动失败：{e} {detail}", file=sys.stderr)
        return 1
    dep.ready = True
    dep.write_pid_file()
    host = "localhost" if args.listen == "0.0.0.0" else args.listen
    ports = ", ".join(str(r.port) for r in dep.replicas)
    print(
        f"治理驾驶舱：{args.replicas} 个副本在 nginx 之后，http://{host}:{args.port}/"
        f"（副本端口 {ports}；日志在 {dep.work_dir}）。Ctrl-C 或 make stop 停止。",
        flush=True,
    )
    try:
        while True:
            time.sleep(2)
            dep.check()
    except KeyboardInterrupt:
        code = 0
    except RuntimeError as e:
        print(str(e), file=sys.stderr)
        code = 1
    # A second Ctrl-C must not cut the stop short and leave processes behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print("正在停止 …", flush=True)
    dep.stop()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
