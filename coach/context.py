"""The services of one process, built lazily from settings: packs, store, gateway, embedder, index.

The UI and the CLI each hold one Context; services receive its parts as arguments.
"""
from __future__ import annotations

import logging
import threading
import time
from functools import cached_property

from coach.settings import Settings, get_settings


log = logging.getLogger("coach")


class Context:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self._lock = threading.RLock()

    @property
    def pack_roots(self) -> list:
        """The configured roots, plus the approved field cases (when any exist)."""
        from coach.fieldcases import field_root
        roots = list(self.settings.packs)
        fr = field_root(self.settings.data_dir)
        if (fr / "playbooks").is_dir():
            roots.append(fr)
        return roots

    @cached_property
    def packs(self):
        from coach.packs import load_packs
        return load_packs(self.pack_roots)

    def reload_packs(self):
        """Reload packs (after an edit or an approved field case) and bring the index in line."""
        with self._lock:
            self.__dict__.pop("packs", None)
            self.__dict__.pop("advisor", None)
            self.__dict__.pop("manner", None)
            packs = self.packs
            self.ensure_index()
            return packs

    @cached_property
    def store(self):
        from coach.store import Store
        return Store(self.settings.resolved_database_url)

    @cached_property
    def gateway(self):
        from coach.llm import Gateway
        return Gateway(self.settings, self.store)

    @cached_property
    def embeddings(self):
        from coach.knowledge import OnnxMiniLM
        return OnnxMiniLM(self.settings.resolved_model_dir, threads=min(2, self.settings.n_threads))

    @cached_property
    def index(self):
        from coach.knowledge import CaseIndex, UnavailableIndex
        try:
            return CaseIndex(self.embeddings, path=self.settings.resolved_chroma_path, url=self.settings.chroma_url)
        except Exception as exc:  # noqa: BLE001 - a Chroma server that is down must not stop the app
            if not self.settings.chroma_url:
                raise
            log.warning("case index server %s unreachable at start: %s", self.settings.chroma_url, exc)
            return UnavailableIndex(self.settings.chroma_url, f"{type(exc).__name__}: {str(exc)[:160]}")

    @cached_property
    def understander(self):
        """The shared reading of seller utterances (head trained once per corpus, cached in the model dir)."""
        from coach.understanding import Understander
        return Understander(self.embeddings, cache_dir=self.settings.resolved_model_dir)

    @cached_property
    def manner(self):
        """The debrief's learned reading of the seller's turns (head trained once per corpus, cached in the model dir)."""
        from coach.debrief.manner import MannerReader
        return MannerReader(self.understander, self.packs, cache_dir=self.settings.resolved_model_dir)

    @cached_property
    def moves(self):
        """The debrief's learned reading of an imported buyer line's move (head trained once, cached in the model dir)."""
        from coach.debrief.move_reader import MoveReader
        return MoveReader(self.embeddings, cache_dir=self.settings.resolved_model_dir)

    @cached_property
    def specificity(self):
        """How specific a logged objection is (coach.field.objections; head cached in the model dir)."""
        from coach.field.objections import Specificity
        return Specificity(self.embeddings, cache_dir=self.settings.resolved_model_dir)

    def voice_status(self) -> tuple[bool, str]:
        """(True, '') when spoken rehearsals can run here; else why not and how to add them."""
        if self.settings.voice == "off":
            return False, "Voice is switched off on this server (COACH_VOICE=off)."
        from coach.voice import available
        return available()

    @cached_property
    def speech(self):
        """The speech models (coach.voice.speech.Speech); raises VoiceUnavailable with the reason."""
        from coach.voice import VoiceUnavailable
        ok, why = self.voice_status()
        if not ok:
            raise VoiceUnavailable(why)
        from coach.voice.speech import Speech
        return Speech(self.settings.resolved_model_dir, threads=self.settings.n_threads)

    def warm_up(self) -> threading.Thread:
        """Load the embeddings and the understanding head in the background (training the head if no deploy step
        did), so the first trainee's first turn does not wait for them."""
        def run() -> None:
            t0 = time.perf_counter()
            try:
                self.understander.heads()
            except Exception as exc:  # noqa: BLE001 - a turn will report the same error to whoever needs it
                log.warning("understanding head not ready: %s", exc)
                return
            log.info("understanding head ready (%.1f s)", time.perf_counter() - t0)
            try:
                self.answers.warm(list(self.packs.personas.values()))  # the first question does not wait
            except Exception as exc:  # noqa: BLE001 - a turn embeds its persona's answers itself if this fails
                log.warning("persona answers not embedded: %s", exc)
            try:
                if self.situations.available():
                    self.situations.readers()  # the advisor's first description does not wait for them
            except Exception as exc:  # noqa: BLE001 - the advisor trains them on its first call if this fails
                log.warning("advisor situation readers not ready: %s", exc)
            try:
                self.manner.head()  # the first debrief does not wait for the development pairs to be read
            except Exception as exc:  # noqa: BLE001 - the debrief fits it itself if this fails
                log.warning("debrief manner reading not ready: %s", exc)
            try:
                self.moves.heads()  # nor an imported transcript for the buyer-move reader
            except Exception as exc:  # noqa: BLE001 - the debrief fits it itself if this fails
                log.warning("debrief buyer-move reader not ready: %s", exc)
            try:
                from coach.field.kpis import warm
                warm(self.store)  # field KPIs answer from memory from the first query
            except Exception as exc:  # noqa: BLE001 - the Field tab reads them itself if this fails
                log.warning("field data not preloaded: %s", exc)
            if self.voice_status()[0]:
                try:
                    self.speech.warm()  # the first spoken turn does not wait for the speech models
                except Exception as exc:  # noqa: BLE001 - the Rehearse tab reports it when voice is used
                    log.warning("voice not ready: %s", exc)

        thread = threading.Thread(target=run, name="warm-up", daemon=True)
        thread.start()
        return thread

    @cached_property
    def advisor(self):
        from coach.advisor import Advisor
        self.ensure_index()
        return Advisor(self.packs, self.index, self.embeddings, self.gateway, situations=self.situations)

    @cached_property
    def answers(self):
        """The personas' answers, embedded once (the role-play matches questions against them)."""
        from coach.roleplay.answers import AnswerMatcher
        return AnswerMatcher(self.embeddings, cache_dir=self.settings.resolved_model_dir)

    @cached_property
    def situations(self):
        """The advisor's situation readers, one per context (warm-up and the advisor share them)."""
        from coach.advisor.situations import SituationReader
        return SituationReader(self.embeddings, cache_dir=self.settings.resolved_model_dir)

    def roleplay(self, realiser: str = "auto"):
        from coach.roleplay import RolePlay
        index = self.index if realiser != "bank" else None
        return RolePlay(self.packs, self.store, self.gateway, index=index, realiser=realiser,
                        understander=self.understander, max_turns=self.settings.max_turns,
                        sessions_per_hour=self.settings.sessions_per_hour, answers=self.answers)

    def ensure_index(self) -> dict[str, int]:
        """Bring the index in line with the loaded packs (cheap when nothing changed)."""
        from coach import memory
        from coach.knowledge import IndexUnavailable
        try:
            result = self.index.sync(self.all_cases())
        except IndexUnavailable as exc:
            log.warning("%s; advice uses the packs' cases without vector ranking until it is back", exc)
            return {"indexed": 0, "deleted": 0, "unchanged": 0, "total": 0, "error": str(exc)}
        if result["indexed"]:
            memory.trim()  # give back what embedding the batch needed
        return result

    def all_cases(self):
        return list(self.packs.cases.values())
