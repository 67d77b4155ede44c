"""Offline embeddings are semantically sane; the case index adds, filters, queries and rebuilds."""
from __future__ import annotations

import numpy as np
import pytest

from coach.knowledge import CaseIndex, build_filter
from coach.packs.models import Case


def test_paraphrase_is_nearer_than_unrelated(embeddings):
    v = embeddings.embed_array([
        "The buyer went silent after we presented our price.",
        "After our offer the customer said nothing for a long time.",
        "The warehouse robots need a software update.",
    ])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_known_minilm_similarity(embeddings):
    # all-MiniLM-L6-v2 scores this classic pair at about 0.755 (sentence-transformers)
    v = embeddings.embed_array(["A man is eating food.", "A man is eating a piece of bread."])
    assert abs(float(v[0] @ v[1]) - 0.755) < 0.01


def test_batch_and_single_agree(embeddings):
    texts = ["short", "a much longer sentence that needs more tokens than the first one does"]
    batch = embeddings.embed_array(texts)
    single = np.array([embeddings.embed_query(t) for t in texts])
    assert np.abs(batch - single).max() < 1e-4


def test_langchain_embeddings_interface(embeddings):
    from langchain_core.embeddings import Embeddings
    assert isinstance(embeddings, Embeddings)
    docs = embeddings.embed_documents(["one", "two"])
    assert len(docs) == 2 and len(docs[0]) == 384


def _case(cid: str, market: str, scale: str, title: str, situation: str, topics=(), status="approved") -> Case:
    return Case.model_validate({
        "id": cid, "markets": [market], "kind": "mistake", "title": title, "sector": "automotive",
        "counterpart_role": "buyer", "stage": "bargaining", "situation": situation, "seller_action": "x",
        "lesson": "x", "why": "x", "scale": scale, "topics": list(topics), "instead": "x",
        "phrase": {"text": "x"}, "outcome": "x", "provenance": {"kind": "trainer_rationale", "source": "test"},
        "status": status, "author": "test",
    })


CASES = [
    _case("kr-silence", "KR", "communicating", "Filling the silence after an offer",
          "The buyer said nothing after our price; we lowered it at once.", ["pricing"]),
    _case("kr-over-head", "KR", "leading", "Going over the manager's head",
          "We emailed the director directly when the manager stalled.", []),
    _case("sa-deadline", "SA", "scheduling", "Hard deadline during Ramadan",
          "We insisted on signing before the end of the month during Ramadan.", ["calendar"]),
    _case("de-vague", "DE", "persuading", "Vague answers on specifications",
          "We answered a technical question with marketing language.", []),
    _case("de-draft", "DE", "persuading", "A draft", "Not approved yet.", [], status="draft"),
]


def test_index_add_query_filter_and_rebuild(embeddings, tmp_path):
    idx = CaseIndex(embeddings, path=tmp_path / "chroma")
    r = idx.sync(CASES)
    assert r == {"indexed": 4, "deleted": 0, "unchanged": 0, "total": 4}  # drafts are not indexed
    assert idx.sync(CASES)["indexed"] == 0  # idempotent
    hits = idx.search("the customer went quiet when we gave our price", k=2)
    assert hits[0].case_id == "kr-silence"
    sa = idx.search("the customer went quiet when we gave our price", k=5, market="SA")
    assert [h.case_id for h in sa] == ["sa-deadline"]
    assert [h.case_id for h in idx.search("anything", k=5, market="KR", scale="leading")] == ["kr-over-head"]
    assert [h.case_id for h in idx.search("anything", k=5, topics=["calendar"])] == ["sa-deadline"]
    # a case removed from the packs leaves the index; a rebuild reproduces the same content
    assert idx.sync(CASES[1:])["deleted"] == 1
    assert idx.sync(CASES, rebuild=True)["indexed"] == 4
    assert idx.count() == 4
    # persistent: a new client on the same path sees the same documents
    again = CaseIndex(embeddings, path=tmp_path / "chroma")
    assert again.count() == 4


def test_one_writer_at_a_time(embeddings, tmp_path):
    idx = CaseIndex(embeddings, path=tmp_path / "chroma")
    with idx.writer():
        with pytest.raises(RuntimeError, match="another process is writing"):
            idx.sync(CASES)


def test_filter_shape():
    assert build_filter() == {"status": "approved"}
    f = build_filter(market="KR", scale="leading")
    assert {"market_KR": True} in f["$and"] and {"scale": "leading"} in f["$and"]


def test_index_through_a_real_chroma_server(embeddings, tmp_path):
    """COACH_CHROMA_URL: the same index API against Chroma's own server on loopback (`chroma run`)."""
    import shutil
    import sys
    from pathlib import Path

    from tests.conftest import LocalServer, free_port
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    server = LocalServer([exe, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
                         f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log", timeout=60)
    try:
        idx = CaseIndex(embeddings, url=f"http://127.0.0.1:{port}")
        assert idx.lock_path is None and idx.sync(CASES)["indexed"] == 4
        assert idx.sync(CASES)["indexed"] == 0
        assert idx.search("the customer went quiet when we gave our price", k=1, market="KR")[0].case_id == "kr-silence"
        assert idx.sync(CASES, rebuild=True)["indexed"] == 4
        assert CaseIndex(embeddings, url=f"http://127.0.0.1:{port}").count() == 4
    finally:
        server.stop()


def test_chroma_server_down_the_advisor_answers_from_the_packs_and_says_so(embeddings, tmp_path, registry, model_dir):
    """The Chroma server dies while the app runs, and is down when another starts: advice still comes, from the
    packs' approved cases without vector ranking, with a warning; the debrief and the role-play go on."""
    import shutil
    import sys
    from pathlib import Path

    from coach.context import Context
    from coach.knowledge import UnavailableIndex
    from coach.settings import load_settings
    from tests.conftest import LocalServer, free_port
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    server = LocalServer([exe, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
                         f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log", timeout=60)
    s = load_settings(env={}, data_dir=str(tmp_path / "data"), model_dir=str(model_dir),
                      chroma_url=f"http://127.0.0.1:{port}")
    ctx = Context(s)
    ctx.__dict__["embeddings"] = embeddings
    text = "Korean purchasing manager at a car parts maker, he went silent after our price, I'm German"
    try:
        up = ctx.advisor.advise(text)
        assert len(up.mistakes) == 3 and not any("not reachable" in w for w in up.warnings)
    finally:
        server.stop()
    down = ctx.advisor.advise(text)
    assert [w for w in down.warnings if "case index is not reachable" in w], down.warnings
    assert len(down.mistakes) == 3 and all(m.sources for m in down.mistakes), "cards still cite the packs' cases"
    assert {m.scale for m in down.mistakes} <= {m.scale for m in up.mistakes} | set(registry.scale_positions("KR"))
    rp = ctx.roleplay("auto")
    sid = rp.start("kr-auto-bracket-supply", home="DE", whisper=True)
    assert rp._whisper(ctx.store.get_session(sid), registry.scenarios["kr-auto-bracket-supply"],
                       "Our final price is 6.10, take it or leave it.", "offer") is None

    fresh = Context(s)  # another process starting while the server is down
    fresh.__dict__["embeddings"] = embeddings
    assert isinstance(fresh.index, UnavailableIndex)
    assert "error" in fresh.ensure_index()
    again = fresh.advisor.advise(text)
    assert len(again.mistakes) == 3 and any("not reachable" in w for w in again.warnings)
