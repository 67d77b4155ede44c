"""Several app replicas on one machine, with the servers an organisation would run (none of them home-made):

    HAProxy (Debian) :8800, sticky by cookie, health checks
      -> app replica 1 :8811, app replica 2 :8812   (python app.py, one shared data directory)
    PostgreSQL :8801 (one database for every replica)     Chroma server :8802 (the case index)
    llama-cpp-python model servers :8803, :8804 behind a litellm Router in each replica (--model-servers 0: each
    replica uses the embedded model in-process instead)

    scripts/cluster.sh up [--replicas 2] [--model-servers 2] [--port 8800] [--dir .cluster]
    scripts/cluster.sh status | down

The state (ports, process ids, URLs) is in DIR/cluster.json; logs in DIR/logs/. Run the load test against it:
    .venv/bin/python bench/bench_load.py --url http://127.0.0.1:8800/ --database-url <printed URL> --pid ...
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _wait(url: str, proc: subprocess.Popen | None, what: str, timeout: float = 300) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


def _pg_bin() -> Path:
    for cand in [shutil.which("initdb"), *sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin/initdb")))]:
        if cand and Path(cand).exists():
            return Path(cand).parent
    raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql, or scripts/system-deps.sh)")


class Cluster:
    def __init__(self, directory: Path, port: int = 8800):
        self.dir = directory.resolve()
        self.state_file = self.dir / "cluster.json"
        self.state: dict = json.loads(self.state_file.read_text()) if self.state_file.is_file() else {}
        self.port = self.state.get("port", port)
        self.procs: dict[str, subprocess.Popen] = {}

    # ------------------------------------------------------------ helpers
    def _save(self) -> None:
        self.state_file.write_text(json.dumps(self.state, indent=2))

    def _spawn(self, name: str, cmd: list[str], env: dict | None = None) -> subprocess.Popen:
        (self.dir / "logs").mkdir(parents=True, exist_ok=True)
        log = open(self.dir / "logs" / f"{name}.log", "ab")
        p = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        self.procs[name] = p
        self.state.setdefault("pids", {})[name] = p.pid
        self._save()
        return p

    def _as_postgres(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "-r", "-M", "postgres"], check=True)
        return ["runuser", "-u", "postgres", "--"]

    # ------------------------------------------------------------ the servers
    def postgres(self) -> str:
        bindir, base, prefix = _pg_bin(), self.dir / "pg", self._as_postgres()
        port = self.port + 1
        if not (base / "data" / "PG_VERSION").is_file():
            base.mkdir(parents=True, exist_ok=True)
            os.chmod(base, 0o777)
            r = subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(base / "data"), "-U", "coach",
                                         "--auth=trust", "-E", "UTF8"], capture_output=True, text=True)
            if r.returncode:
                raise RuntimeError(f"initdb failed (PostgreSQL runs as its own user: every parent of {base} must be "
                                   f"reachable by it):\n{r.stderr[-1500:]}")
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "pg.log"), "-w",
                                 "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True)
        url = f"postgresql://coach@127.0.0.1:{port}/postgres"
        self.state.update(database_url=url, pg_bin=str(bindir))
        self._save()
        return url

    def chroma(self) -> str:
        port = self.port + 2
        exe = shutil.which("chroma") or str(Path(PY).parent / "chroma")
        p = self._spawn("chroma", [exe, "run", "--path", str(self.dir / "chroma"), "--host", "127.0.0.1",
                                   "--port", str(port)])
        url = f"http://127.0.0.1:{port}"
        _wait(url + "/api/v2/heartbeat", p, "chroma")
        self.state["chroma_url"] = url
        return url

    def model_servers(self, n: int) -> list[str]:
        from coach import assets
        from coach.settings import load_settings
        gguf = assets.chat_model_path(load_settings().resolved_model_dir)
        urls = []
        for i in range(n):
            port = self.port + 3 + i
            p = self._spawn(f"model-{i + 1}", [PY, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias",
                                               "qwen-local", "--host", "127.0.0.1", "--port", str(port),
                                               "--n_ctx", "2048", "--n_threads", "1"])
            _wait(f"http://127.0.0.1:{port}/v1/models", p, f"model server {i + 1}")
            urls.append(f"http://127.0.0.1:{port}/v1")
        self.state["model_servers"] = urls
        return urls

    def app_env(self, i: int, extra: dict | None = None) -> dict:
        from coach.settings import load_settings
        env = {**os.environ, "COACH_DATA_DIR": str(self.dir / "app-data"), "COACH_PORT": str(self.port + 10 + i),
               "COACH_HOST": "127.0.0.1", "COACH_DATABASE_URL": self.state["database_url"],
               "COACH_CHROMA_URL": self.state["chroma_url"], "COACH_ADMIN_PASSWORD": self.state["admin_password"],
               "COACH_MODEL_DIR": str(load_settings().resolved_model_dir)}
        if self.state.get("model_servers"):
            env.update(COACH_PERSONA_MODEL="text-completion-openai/qwen-local", COACH_FALLBACK_MODEL="none",
                       COACH_MODEL_SERVERS=",".join(self.state["model_servers"]))
        return {**env, **(extra or {})}

    def app(self, i: int, extra_env: dict | None = None) -> str:
        url = f"http://127.0.0.1:{self.port + 10 + i}/"
        p = self._spawn(f"app-{i}", [PY, str(ROOT / "app.py")], env=self.app_env(i, extra_env))
        _wait(url, p, f"app replica {i}")
        self.state.setdefault("apps", {})[f"app-{i}"] = url
        self._save()
        return url

    def haproxy(self, replicas: int) -> str:
        exe = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(exe).exists():
            raise RuntimeError("HAProxy is not installed (apt-get install haproxy, or scripts/system-deps.sh)")
        servers = "\n".join(f"  server app-{i} 127.0.0.1:{self.port + 10 + i} check inter 1s fall 2 rise 2 cookie app-{i}"
                            for i in range(1, replicas + 1))
        cfg = self.dir / "haproxy.cfg"
        cfg.write_text(HAPROXY.format(port=self.port, servers=servers))
        p = self._spawn("haproxy", [exe, "-f", str(cfg), "-db"])
        url = f"http://127.0.0.1:{self.port}/"
        _wait(url, p, "haproxy")
        self.state["url"] = url
        return url

    # ------------------------------------------------------------ the whole set
    def up(self, replicas: int = 2, model_servers: int = 2, app_env: dict | None = None) -> dict:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.state.update(port=self.port, replicas=replicas,
                          admin_password=os.environ.get("COACH_ADMIN_PASSWORD") or secrets.token_urlsafe(12))
        self.postgres()
        self.chroma()
        if model_servers:
            self.model_servers(model_servers)
        # the deploy step `make run` does too: fill the case index and train the understanding head once, before any
        # replica takes a trainee (a replica left to do it in a trainee's first turn answers a minute late)
        build = subprocess.run([PY, "-m", "coach.cli", "index", "build"], env=self.app_env(1, app_env),
                               capture_output=True, text=True)
        if build.returncode:
            raise RuntimeError(f"coach index build failed:\n{build.stderr[-2000:]}")
        for i in range(1, replicas + 1):  # one after the other: the first migrates the database
            self.app(i, app_env)
        self.haproxy(replicas)
        self._save()
        return self.state

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        pid = self.state.get("pids", {}).get(name)
        if pid:
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                pass
            if name in self.procs:
                self.procs[name].wait(15)

    def down(self) -> None:
        for name in reversed(list(self.state.get("pids", {}))):
            self.kill(name, signal.SIGTERM)
        time.sleep(1)
        for name in list(self.state.get("pids", {})):
            self.kill(name, signal.SIGKILL)
        if self.state.get("pg_bin") and (self.dir / "pg" / "data").is_dir():
            subprocess.run(self._as_postgres() + [str(Path(self.state["pg_bin"]) / "pg_ctl"), "-D",
                                                  str(self.dir / "pg" / "data"), "-m", "fast", "stop"], capture_output=True)
        self.state["pids"] = {}
        self._save()


HAPROXY = """global
  maxconn 1024
defaults
  mode http
  timeout connect 5s
  timeout client 15m
  timeout server 15m
  timeout tunnel 15m
  option redispatch
  retries 2
frontend coach
  bind 127.0.0.1:{port}
  default_backend apps
backend apps
  balance leastconn
  # sticky: a browser (and its Gradio session and event stream) stays on one replica while it is up
  cookie COACHSRV insert indirect nocache httponly
  option httpchk GET /
{servers}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["up", "down", "status"])
    ap.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    ap.add_argument("--port", type=int, default=8800)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--model-servers", type=int, default=2)
    args = ap.parse_args()
    c = Cluster(args.dir, args.port)
    if args.command == "up":
        try:
            state = c.up(args.replicas, args.model_servers)
        except Exception:
            c.down()
            raise
        print(f"Culture Coach at {state['url']} (admin password: {state['admin_password']})")
        print(f"database: {state['database_url']}\nindex: {state['chroma_url']}\nmodel servers: "
              f"{', '.join(state.get('model_servers', [])) or 'none (embedded model in each replica)'}")
        print("app pids: " + " ".join(str(pid) for n, pid in state["pids"].items() if n.startswith("app-")))
    elif args.command == "down":
        c.down()
        print("cluster stopped (data kept in", args.dir, ")")
    else:
        print(json.dumps({k: v for k, v in c.state.items() if k != "admin_password"}, indent=2))


if __name__ == "__main__":
    main()
