"""One settings object, from environment variables and an optional `coach.toml`.

Precedence: environment (`COACH_*`) > `coach.toml` (path in `COACH_CONFIG`, else ./coach.toml) > defaults.
Nothing else in the package reads the environment for configuration.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EMBEDDED_MODEL = "local/qwen2.5-0.5b"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "culture-coach"


def _default_packs() -> list[Path]:
    if (PROJECT_ROOT / "personas").is_dir():
        return [PROJECT_ROOT]
    return [Path.cwd()]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Field(default_factory=_default_data_dir)
    model_dir: Path | None = Field(default=None, description="where assembled model files live (default: DATA_DIR/models)")
    database_url: str | None = None
    chroma_path: Path | None = None
    chroma_url: str | None = None
    packs: list[Path] = Field(default_factory=_default_packs)

    persona_model: str = EMBEDDED_MODEL
    advisor_model: str = EMBEDDED_MODEL
    judge_model: str = EMBEDDED_MODEL
    fallback_model: str | None = EMBEDDED_MODEL
    api_base: str | None = None
    model_servers: list[str] = Field(default_factory=list, description="OpenAI-compatible servers behind the persona "
                                     "and advisor models (a litellm Router: retry on another, cool down a dead one)")
    api_key: str | None = None
    llm_timeout: float = 60.0
    llm_retries: int = 1
    persona_budget: float = Field(default=2.5, ge=0, description="seconds a persona reply may take with the model "
                                  "(queue + generation) before the checked bank line is sent instead; 0: no budget")
    provider_concurrency: int = Field(default=4, ge=1, description="persona calls in flight to a provider model "
                                      "under the latency budget (with model servers: one per server)")
    concurrency: int = Field(default=24, ge=1, description="rehearsal turns the app serves at once")
    max_request_bytes: int = Field(default=1_000_000, ge=10_000, description="largest request body the app accepts")
    sessions_per_hour: int = Field(default=30, ge=1, description="rehearsals one salesperson may start per hour")
    max_turns: int = Field(default=150, ge=2, description="salesperson turns in one rehearsal")
    voice: Literal["auto", "off"] = Field(default="auto", description="spoken rehearsals when the voice extra is "
                                                                      "installed (auto) or never (off)")
    min_free_mb: int = Field(default=200, ge=0, description="free space the data directory needs at start")

    admin_password: str | None = Field(default=None, repr=False)
    host: str = "127.0.0.1"
    port: int = 7860

    n_threads: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1))
    n_ctx: int = 2048
    log_llm_calls: bool = True

    @field_validator("packs", mode="before")
    @classmethod
    def _split_packs(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [p for p in v.split(os.pathsep) if p]
        return v

    @field_validator("model_servers", mode="before")
    @classmethod
    def _split_servers(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [p.strip() for p in v.split(",") if p.strip()]
        return v

    # ------------------------------------------------------------ derived values
    @property
    def resolved_model_dir(self) -> Path:
        return self.model_dir or self.data_dir / "models"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'culture-coach.db'}"

    @property
    def resolved_chroma_path(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    def model_for(self, role: str) -> str:
        return {"persona": self.persona_model, "advisor": self.advisor_model, "judge": self.judge_model}.get(
            role, self.persona_model
        )

    def provider_judge(self) -> str | None:
        """The judge model when it is a provider model; None with the embedded one (the 0.5B model is no judge)."""
        return None if self.judge_model.startswith("local/") else self.judge_model

    def public_dict(self) -> dict[str, Any]:
        """What `coach doctor` prints: everything but the API key."""
        data = self.model_dump(mode="json")
        data["api_key"] = "set" if self.api_key else None
        data["admin_password"] = "set" if self.admin_password else None
        data["database_url"] = _redact_url(self.resolved_database_url)
        data["chroma"] = self.chroma_url or str(self.resolved_chroma_path)
        data["model_dir"] = str(self.resolved_model_dir)
        return data


def _redact_url(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


_ENV = {
    "COACH_DATA_DIR": "data_dir",
    "COACH_MODEL_DIR": "model_dir",
    "COACH_DATABASE_URL": "database_url",
    "COACH_CHROMA_PATH": "chroma_path",
    "COACH_CHROMA_URL": "chroma_url",
    "COACH_PACKS": "packs",
    "COACH_PERSONA_MODEL": "persona_model",
    "COACH_ADVISOR_MODEL": "advisor_model",
    "COACH_JUDGE_MODEL": "judge_model",
    "COACH_FALLBACK_MODEL": "fallback_model",
    "COACH_API_BASE": "api_base",
    "COACH_MODEL_SERVERS": "model_servers",
    "COACH_API_KEY": "api_key",
    "COACH_LLM_TIMEOUT": "llm_timeout",
    "COACH_LLM_RETRIES": "llm_retries",
    "COACH_PERSONA_BUDGET": "persona_budget",
    "COACH_CONCURRENCY": "concurrency",
    "COACH_MAX_REQUEST_BYTES": "max_request_bytes",
    "COACH_SESSIONS_PER_HOUR": "sessions_per_hour",
    "COACH_MAX_TURNS": "max_turns",
    "COACH_MIN_FREE_MB": "min_free_mb",
    "COACH_VOICE": "voice",
    "COACH_THREADS": "n_threads",
    "COACH_N_CTX": "n_ctx",
    "COACH_HOST": "host",
    "COACH_ADMIN_PASSWORD": "admin_password",
    "COACH_PORT": "port",
}


def load_settings(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from coach.toml, the environment and explicit overrides (highest)."""
    env = dict(os.environ if env is None else env)
    data: dict[str, Any] = {}
    config = Path(env.get("COACH_CONFIG", "coach.toml"))
    if config.is_file():
        with config.open("rb") as fh:
            raw = tomllib.load(fh)
        data.update(raw.get("coach", raw))
    if "COACH_MODEL" in env:  # one switch for every role
        for role in ("persona_model", "advisor_model", "judge_model"):
            data[role] = env["COACH_MODEL"]
    for key, name in _ENV.items():
        if key in env and env[key] != "":
            data[name] = env[key]
    data.update({k: v for k, v in overrides.items() if v is not None})
    if data.get("fallback_model") in ("none", "off"):
        data["fallback_model"] = None
    return Settings.model_validate(data)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
