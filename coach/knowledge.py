"""Offline sentence embeddings and the situated-case index (Chroma through langchain-chroma).

The embedder runs all-MiniLM-L6-v2 as ONNX on onnxruntime (see `coach.assets`), exposed as a
langchain-core `Embeddings`. The index holds one document per approved case, with metadata the
advisor and role-play filter on (market, scale, topics, sector, stage, kind).
"""
from __future__ import annotations

import fcntl
import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from langchain_core.embeddings import Embeddings

from coach import assets
from coach.packs.models import Case

COLLECTION = "situated_cases"
MAX_TOKENS = 256


class OnnxMiniLM(Embeddings):
    """all-MiniLM-L6-v2 on onnxruntime: mean-pooled, L2-normalised 384-d vectors."""

    def __init__(self, model_dir: Path, threads: int = 2, batch_size: int = 16):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # no growing arena: index builds would otherwise keep hundreds of MB of activations resident
        opts.enable_cpu_mem_arena = False
        opts.enable_mem_pattern = False
        opts.add_session_config_entry("session.disable_prepacking", "1")  # no second copy of the weights
        self._session = ort.InferenceSession(
            str(assets.embed_model_path(model_dir)), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._tok = Tokenizer.from_file(str(assets.embed_tokenizer_path()))
        self._tok.enable_truncation(max_length=MAX_TOKENS)
        self._tok.no_padding()
        self._batch = batch_size
        self._lock = threading.Lock()
        self.dimension = assets.EMBED_DIM
        # names the vectors: models trained on them are cached under it (another model, another cache)
        self.model_id = f"{assets.embed_model_path(model_dir).name}:{self.dimension}"

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # sort by length so each batch pads only to its own longest text (dynamic padding)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self._batch):
            idx = order[start:start + self._batch]
            encs = self._tok.encode_batch([texts[i] or " " for i in idx])
            width = max(len(e.ids) for e in encs)
            ids = np.zeros((len(encs), width), dtype=np.int64)
            mask = np.zeros((len(encs), width), dtype=np.int64)
            for row, e in enumerate(encs):
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
            with self._lock:
                (vecs,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            out[idx] = vecs / np.maximum(norms, 1e-12)
        return out

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def case_document(case: Case) -> str:
    """The text a case is indexed by: what a salesperson's description or a trainee turn resembles."""
    return "\n".join([
        case.title, f"{case.counterpart_role} ({case.sector})", case.situation, case.seller_action,
        case.lesson, case.why,
    ])


def case_metadata(case: Case) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "case_id": case.id, "title": case.title, "scale": case.scale, "sector": case.sector.lower(),
        "stage": case.stage, "kind": case.kind, "status": case.status,
        "markets": ",".join(case.markets), "topics": ",".join(case.topics),
    }
    for m in case.markets:
        meta[f"market_{m}"] = True
    for t in case.topics:
        meta[f"topic_{t}"] = True
    meta["digest"] = hashlib.sha256(case.model_dump_json().encode()).hexdigest()[:16]
    return meta


class IndexUnavailable(RuntimeError):
    """The case index (a Chroma server) cannot be reached; callers fall back to the packs' cases."""


class UnavailableIndex:
    """Stands in for a Chroma server that could not be reached at start: every use says so."""

    def __init__(self, where: str, reason: str):
        self.where, self.reason = where, reason

    def _fail(self, *_: Any, **__: Any) -> Any:
        raise IndexUnavailable(f"the case index at {self.where} is not reachable ({self.reason})")

    search = sync = count = _fail


@dataclass(frozen=True)
class Hit:
    case_id: str
    score: float  # cosine similarity, -1..1
    metadata: dict[str, Any]


def build_filter(market: str | None = None, scale: str | None = None, topics: Iterable[str] = (),
                 sector: str | None = None, kind: str | None = None) -> dict | None:
    clauses: list[dict] = [{"status": "approved"}]
    if market:
        clauses.append({f"market_{market}": True})
    if scale:
        clauses.append({"scale": scale})
    for t in topics:
        clauses.append({f"topic_{t}": True})
    if sector:
        clauses.append({"sector": sector.lower()})
    if kind:
        clauses.append({"kind": kind})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class CaseIndex:
    """The persistent Chroma collection of situated cases."""

    def __init__(self, embeddings: Embeddings, path: Path | None = None, url: str | None = None):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if url:
            from urllib.parse import urlparse
            u = urlparse(url)
            client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                         ssl=u.scheme == "https", settings=settings)
            self.lock_path = None
        else:
            assert path is not None
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=settings)
            self.lock_path = path / ".writer.lock"
        self.client = client
        self.where = url or str(path)
        self.embeddings = embeddings
        self.store = Chroma(
            collection_name=COLLECTION, embedding_function=embeddings, client=client,
            collection_metadata={"hnsw:space": "cosine"},
        )

    @property
    def collection(self):
        return self.store._collection

    def count(self) -> int:
        return self.collection.count()

    @contextmanager
    def writer(self) -> Iterator[None]:
        """One writer at a time (a file lock beside the persistent index)."""
        if self.lock_path is None:
            yield
            return
        with open(self.lock_path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RuntimeError(f"another process is writing the index ({self.lock_path})") from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def sync(self, cases: Iterable[Case], rebuild: bool = False,
             progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Make the index hold exactly the approved cases: add new or changed ones, delete the rest."""
        try:
            return self._sync(cases, rebuild, progress)
        except RuntimeError:
            raise
        except Exception as exc:  # noqa: BLE001 - a server that went away
            if self.lock_path is not None:
                raise
            raise IndexUnavailable(f"the case index at {self.where} is not reachable "
                                   f"({type(exc).__name__}: {str(exc)[:160]})") from exc

    def _sync(self, cases: Iterable[Case], rebuild: bool,
              progress: Callable[[int, int], None] | None) -> dict[str, int]:
        wanted = {c.id: c for c in cases if c.status == "approved"}
        with self.writer():
            if rebuild:
                self.store.reset_collection()
            existing = self.collection.get(include=["metadatas"])
            have = {i: (m or {}).get("digest") for i, m in zip(existing["ids"], existing["metadatas"])}
            stale = [i for i in have if i not in wanted]
            todo = [c for cid, c in wanted.items() if have.get(cid) != case_metadata(c)["digest"]]
            if stale:
                self.collection.delete(ids=stale)
            done = 0
            for start in range(0, len(todo), 64):
                batch = todo[start:start + 64]
                self.store.add_texts(
                    texts=[case_document(c) for c in batch],
                    metadatas=[case_metadata(c) for c in batch],
                    ids=[c.id for c in batch],
                )
                done += len(batch)
                if progress:
                    progress(done, len(todo))
        return {"indexed": len(todo), "deleted": len(stale), "unchanged": len(wanted) - len(todo), "total": len(wanted)}

    def search(self, query: str | None = None, k: int = 8, vector: Sequence[float] | None = None,
               **filters: Any) -> list[Hit]:
        where = build_filter(**filters)
        if vector is None:
            vector = self.embeddings.embed_query(query or "")
        try:
            n = self.count()
            if n == 0:
                return []
            res = self.collection.query(query_embeddings=[list(vector)], n_results=min(k, n), where=where,
                                        include=["metadatas", "distances"])
        except Exception as exc:  # noqa: BLE001 - a server that went away: the callers have a fallback
            raise IndexUnavailable(f"the case index at {self.where} is not reachable "
                                   f"({type(exc).__name__}: {str(exc)[:160]})") from exc
        return [
            Hit(case_id=i, score=1.0 - float(d), metadata=m or {})
            for i, d, m in zip(res["ids"][0], res["distances"][0], res["metadatas"][0])
        ]
