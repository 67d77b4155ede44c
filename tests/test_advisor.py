"""Pre-call advisor: resolution, culture-pair ranking, sources, JSON shape, bad input — on the real
packs, the real embedding model and a real Chroma index."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.advisor import AdviceInputError, Advisor
from coach.advisor.resolve import Resolver
from coach.advisor.situations import SituationReader
from coach.knowledge import CaseIndex
from coach.llm import Completion


@pytest.fixture(scope="session")
def advisor(registry, embeddings, model_dir, tmp_path_factory):
    """The situation readers are fitted once per corpus and cached in the shared model dir, as the app does
    (the CLI test below loads the same cache instead of fitting a second time)."""
    index = CaseIndex(embeddings, path=tmp_path_factory.mktemp("chroma"))
    index.sync(registry.cases.values())
    return Advisor(registry, index, embeddings, situations=SituationReader(embeddings, cache_dir=model_dir))


@pytest.mark.parametrize("text,market", [
    ("Saudi procurement lead at a state-owned utility, first meeting", "SA"),
    ("KSA utility buyer next week", "SA"),
    ("Meeting in Riyadh with the procurement committee", "SA"),
    ("사우디 전력회사 구매 담당자와 미팅", "SA"),
    ("اجتماع مع مدير المشتريات في السعودية", "SA"),
    ("한국 자동차 부품 회사 구매과장", "KR"),
    ("Purchasing manager at a Hyundai supplier", "KR"),
    ("Head of purchasing at a machinery maker in Stuttgart", "DE"),
    ("Distributor owner in São Paulo", "BR"),
    ("Distributor owner in Sao Paulo", "BR"),
    ("日本の商社のバイヤーとの価格交渉", "JP"),
    ("Delivery head at an IT services firm in Bengaluru", "IN"),
    ("Emirati procurement director at a family trading house in Dubai", "AE"),
    ("Operations manager at a logistics company in Rotterdam", "NL"),
])
def test_market_resolution(advisor, text, market):
    adv = advisor.advise(text)
    assert adv.market == market, adv
    assert adv.pack_found is True


@pytest.mark.parametrize("text,home", [
    ("Saudi procurement lead, I'm Italian", "IT"),
    ("Korean buyer at a Tier-1 supplier; I am from France", "FR"),
    ("German head of purchasing. We are a Swedish company.", "SE"),
    ("Japanese keiretsu buyer, I'm from the US", "US"),
    ("Comprador brasileiro, sono italiano", "IT"),
    ("Jestem z Polski. Meeting in Riyadh during Ramadan", "PL"),  # self-cues in other languages
    ("Somos una empresa española. The US buyer sent a plan", "ES"),
    ("Jag är från Sverige, meeting a Korean buyer", "SE"),  # accents are folded before the cue is read
    ("日本の会社です。Visiting a US startup", "JP"),  # a copula after the mention
    ("저는 한국 사람입니다. Saudi buyer next week", "KR"),
    ("我是中国人, meeting a German buyer", "CN"),
    ("Muslim from KL here. Korean buyer's team planned a dinner", "MY"),  # "... here"
    ("Emirati client gave me a watch. Ich bin Schweizer, our compliance says no", "CH"),
    ("Jeg er dansk. Chinese partner wants a signing ceremony", "DK"),
])
def test_home_culture_from_text(advisor, text, home):
    adv = advisor.advise(text)
    assert adv.home == home
    assert adv.market != home


def test_home_flag_wins_and_is_weighted(advisor):
    adv = advisor.advise("Saudi procurement lead at a utility", home="de")
    assert adv.home == "DE" and not any("Home culture unknown" in w for w in adv.warnings)
    assert all(m.gap is not None for m in adv.mistakes)


def test_json_shape_and_sources_exist(advisor, registry):
    adv = advisor.advise("Saudi procurement lead at a state-owned utility, first meeting in Riyadh, "
                         "I want to close this quarter. I'm Italian")
    data = json.loads(adv.model_dump_json())
    assert {"market", "persona", "home", "pack_found", "confidence", "mistakes", "warnings", "elapsed_ms"} <= set(data)
    assert data["market"] == "SA" and data["home"] == "IT" and data["persona"] == "sa-utility-procurement-lead"
    assert 0.0 <= data["confidence"] <= 1.0
    assert len(data["mistakes"]) == 3
    assert len({m["scale"] for m in data["mistakes"]}) == 3  # three different scales
    for m in data["mistakes"]:
        assert {"title", "why", "instead", "phrase", "scale", "topics", "sources"} <= set(m)
        assert m["sources"], "every card is grounded in at least one case"
        for s in m["sources"]:
            case = registry.cases[s["id"]]
            assert s["title"] == case.title and "SA" in case.markets and case.status == "approved"
        assert "Italy" in m["why"] and "Saudi Arabia" in m["why"]  # the pair is named


def test_culture_pair_changes_the_ranking(advisor, registry):
    """Same buyer, two seller cultures: the top mistakes follow each pair's largest gaps."""
    text = "Head of purchasing at a Mittelstand machinery maker in Stuttgart, price negotiation"
    buyer = registry.scale_positions("DE")
    results = {}
    for home in ("US", "IN"):
        adv = advisor.advise(text, home=home)
        results[home] = adv
    ids = {h: [m.sources[0].id for m in a.mistakes] for h, a in results.items()}
    assert ids["US"] != ids["IN"]

    def mean_gap(home: str, scales: list[str]) -> float:
        seller = registry.scale_positions(home)
        return sum(abs(seller[s] - buyer[s]) for s in scales) / len(scales)

    for home, other in (("US", "IN"), ("IN", "US")):
        mine = [m.scale for m in results[home].mistakes]
        theirs = [m.scale for m in results[other].mistakes]
        assert mean_gap(home, mine) >= mean_gap(home, theirs)


def test_no_pack_market_is_honest(advisor, registry):
    adv = advisor.advise("Procurement director at a cement company in Monterrey, Mexico, first meeting. I'm German")
    assert adv.market == "MX" and adv.pack_found is False
    assert any("No pack for Mexico" in w for w in adv.warnings)
    assert adv.mistakes == []  # no profile for Mexico: nothing is passed off from another market


def test_no_pack_market_with_profile_uses_the_gap_only(advisor):
    adv = advisor.advise("Buyer at a fashion house in Milan, I'm from the US")
    assert adv.market == "IT" and adv.pack_found is False and adv.home == "US"
    assert len(adv.mistakes) == 3 and all(m.sources == [] for m in adv.mistakes)
    assert all("no situated cases" in m.why for m in adv.mistakes)


def test_unrecognised_market(advisor):
    adv = advisor.advise("a buyer somewhere, second meeting about pricing")
    assert adv.market is None and adv.pack_found is False and adv.mistakes == []
    assert any("Could not tell which market" in w for w in adv.warnings)


@pytest.mark.parametrize("bad,needle", [
    ("", "empty"), ("   \n ", "empty"), ("x" * 100_000, "100000 characters"),
    ("Saudi buyer\x00 first meeting", "control character (U+0000) at position 11"),
    ("Saudi buyer \x1b[31m", "control character (U+001B)"),
])
def test_bad_input_gives_a_clear_error(advisor, bad, needle):
    with pytest.raises(AdviceInputError, match=needle.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")):
        advisor.advise(bad)


class _FakeGateway:
    def __init__(self, text: str):
        self.text = text

    def complete(self, messages, **kw):
        return Completion(text=self.text, requested_model="fake", resolved_model="fake")


def test_llm_introduction_is_checked(advisor):
    adv = advisor.advise("Saudi procurement lead, first meeting, I'm Italian")
    advisor.gateway = _FakeGateway("Your Saudi counterpart will value time spent on the relationship before any agenda.")
    good = "".join(advisor.introduction(adv, "Saudi procurement lead"))
    assert good.startswith("Your Saudi counterpart")
    advisor.gateway = _FakeGateway("Offer a 15% discount; Japanese buyers expect it.")  # adds a number and a market
    bad = "".join(advisor.introduction(adv, "Saudi procurement lead"))
    assert bad.startswith("For a seller from IT meeting a buyer in Saudi Arabia")
    advisor.gateway = None


def test_cli_advise_json_and_batch(tmp_path, monkeypatch, model_dir):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    runner = CliRunner()
    r = runner.invoke(app, ["advise", "Korean purchasing manager at a Hyundai supplier", "--home", "IT", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["market"] == "KR" and data["home"] == "IT" and len(data["mistakes"]) == 3
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"text": "사우디 전력회사 구매 담당자", "home": "FR"}, {"text": ""}, {"text": "Dutch ops manager"}]) + "\n")
    r = runner.invoke(app, ["advise", "--batch", str(batch), "--json"])
    lines = [json.loads(x) for x in r.output.strip().splitlines()]
    assert len(lines) == 3 and lines[0]["market"] == "SA" and lines[0]["home"] == "FR"
    assert "in.jsonl:2" in lines[1]["error"] and lines[2]["market"] == "NL"
    assert r.exit_code == 1  # one line failed, and says which
    r = runner.invoke(app, ["advise", ""])
    assert r.exit_code == 2 and "empty" in r.output


@pytest.mark.parametrize("text,market", [("Dubaii distributer, follow up after the trade show", "AE"),
                                         ("Saudia procurment lead", "SA"), ("Korea automotiv buyer", "KR")])
def test_typos_still_resolve(advisor, text, market):
    assert advisor.advise(text).market == market


def test_a_foreign_word_is_no_typo(advisor):
    """'amanhã' is two letters longer than no alias; 'alemanha' (German) is not what was meant."""
    reading = advisor.resolver.read("Rio client promised the PO 'amanhã, sem falta' two weeks ago")
    assert reading.market == "BR" and "DE" not in {m.code for m in reading.mentions}
    assert advisor.resolver.read("He said 'amanhã' again").market is None


def test_advisor_eval_meets_its_thresholds(tmp_path, monkeypatch, model_dir):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_MODEL_DIR", str(model_dir))
    r = CliRunner().invoke(app, ["eval", "advisor", "--json"])
    [result] = json.loads(r.output)
    assert result["metrics"]["n"] >= 40
    assert result["failures"] == [] and r.exit_code == 0, result["metrics"]


def test_a_described_situation_outranks_the_static_gap(advisor):
    """When the description says what is happening, the first card sits on the scale that situation turns on most;
    a plain 'who I am meeting' description gets no situation weights and is ranked by the culture gap."""
    plain = "Head of purchasing at a machinery maker in Stuttgart, price negotiation. I'm Italian."
    told = ("I'm Italian. Our Indian distributor in Pune says yes to every change we ask for in the calls, "
            "then the changes never happen and nobody tells us why.")
    qvec = lambda t: advisor.embeddings.embed_array([t])[0]  # noqa: E731
    assert advisor.situations.weights(plain, qvec(plain)) == {}
    weights = advisor.situations.weights(told, qvec(told))
    assert weights, "a situation-bearing description must be read as one"
    adv = advisor.advise(told)
    assert adv.market == "IN" and adv.mistakes
    available = {c.scale for c in advisor.packs.approved_cases("IN")}
    top = max((s for s in weights if s in available), key=weights.get)
    assert adv.mistakes[0].scale == top, (adv.mistakes[0].scale, sorted(weights.items(), key=lambda kv: -kv[1])[:3])
    reading = advisor.resolver.read(told)
    by_gap = advisor._rank("IN", reading, qvec(told), 3, situation={})
    assert [m.scale for m in by_gap] != [m.scale for m in adv.mistakes], "the situation changed nothing"


def test_situation_training_lines_are_checked_and_missing_files_mean_no_weights(tmp_path, embeddings):
    from coach.advisor.situations import SituationDataError, SituationReader
    reader = SituationReader(embeddings, cache_dir=tmp_path / "m", data_dir=tmp_path)
    assert reader.weights("the buyer went quiet", embeddings.embed_array(["x"])[0]) == {}  # no training files
    (tmp_path / "situations_train.jsonl").write_text(
        '{"text": "He went quiet after our offer.", "expect_first_scale": "scheduling", '
        '"expect_scales": ["scheduling", "communicating", "trusting"]}\n'
        '{"text": "She agreed to all of it.", "expect_first_scale": "gossip", "expect_scales": ["gossip"]}\n',
        encoding="utf-8")
    (tmp_path / "plain_train.jsonl").write_text('{"text": "Buyer in Osaka, first meeting"}\n', encoding="utf-8")
    assert reader.weights("the buyer went quiet", embeddings.embed_array(["x"])[0]) == {}  # refused, logged, not raised
    with pytest.raises(SituationDataError, match=r"situations_train.jsonl, line 2: unknown scale\(s\) \['gossip'\]"):
        reader.readers()
    (tmp_path / "situations_train.jsonl").write_text('{"text": "He went quiet after our offer."}\n', encoding="utf-8")
    with pytest.raises(SituationDataError, match=r"line 1: needs 'expect_first_scale' and 'expect_scales'"):
        reader.readers()


def test_situation_readers_are_cached_and_a_fresh_reader_loads_the_same(tmp_path, embeddings):
    from coach.advisor.situations import SituationReader
    rows = [("He went quiet after our offer, two weeks no reply.", "scheduling"),
            ("She agreed to every change and then nothing happened.", "communicating"),
            ("The director overruled what the manager agreed yesterday.", "deciding"),
            ("They criticised our sample in front of the whole team.", "evaluating")] * 4
    (tmp_path / "situations_train.jsonl").write_text("\n".join(json.dumps(
        {"text": f"{t} ({i})", "expect_first_scale": s, "expect_scales": [s, "trusting", "leading"]})
        for i, (t, s) in enumerate(rows)), encoding="utf-8")
    (tmp_path / "plain_train.jsonl").write_text("\n".join(json.dumps({"text": f"Buyer number {i} in Osaka, first meeting"})
                                                          for i in range(16)), encoding="utf-8")
    first = SituationReader(embeddings, cache_dir=tmp_path / "m", data_dir=tmp_path)
    text = "He went quiet after our offer, no reply for two weeks."
    q = embeddings.embed_array([text])[0]
    w1 = first.weights(text, q)
    names = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert len(names) == 3 and all(n.endswith((".detect.npz", ".scales.npz", ".first.npz")) for n in names), names
    again = SituationReader(embeddings, cache_dir=tmp_path / "m", data_dir=tmp_path)
    assert again.weights(text, q) == w1
    damaged = next((tmp_path / "m").glob("*.detect.npz"))
    damaged.write_bytes(b"not a zip")  # a damaged cache is a miss: trained again, same readers, cache mended
    assert SituationReader(embeddings, cache_dir=tmp_path / "m", data_dir=tmp_path).weights(text, q) == w1
    assert damaged.read_bytes()[:2] == b"PK"
    # a second writer's file: another corpus, another cache, and the old version's files are removed
    (tmp_path / "situations_train_b.jsonl").write_text(json.dumps(
        {"text": "The buyer reopened the signed payment terms.", "expect_first_scale": "deciding",
         "expect_scales": ["deciding", "trusting", "communicating"]}), encoding="utf-8")
    SituationReader(embeddings, cache_dir=tmp_path / "m", data_dir=tmp_path).weights(text, q)
    now = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert len(now) == 3 and not set(now) & set(names), (names, now)


def test_second_labellers_lines_name_an_original_with_the_same_text():
    """The relabelled file repeats each writer's text with another hand's scales; a stale copy would train on
    a text nobody labelled, so every line must point at an original line with exactly its text."""
    from coach.advisor.situations import DEFAULT_DIR, _lines
    originals = {r["id"]: r["text"] for p in sorted(DEFAULT_DIR.glob("situations_train*.jsonl"))
                 if "relabelled" not in p.name for r in _lines(p, scaled=True)}
    relabelled = _lines(DEFAULT_DIR / "situations_train_relabelled.jsonl", scaled=True)
    assert len(relabelled) == len(originals)
    stale = [r["id"] for r in relabelled if originals.get(r["labels_of"]) != r["text"]]
    assert not stale, stale[:5]


def test_a_text_labelled_by_two_hands_counts_once_for_the_detector(tmp_path, embeddings, monkeypatch):
    from coach.advisor import situations as S
    seen: list[int] = []
    real = S.fit_ensemble

    def spy(x, c, y, labels):
        if labels == ("situation",):
            seen.append(int(y.sum()))
        return real(x, c, y, labels)
    rows = [{"text": f"He went quiet after our offer ({i}).", "expect_first_scale": "scheduling",
             "expect_scales": ["scheduling", "communicating", "trusting"]} for i in range(6)]
    again = [dict(r, expect_first_scale="communicating") for r in rows]
    plain = [{"text": f"Buyer number {i} in Osaka, first meeting"} for i in range(6)]
    monkeypatch.setattr(S, "fit_ensemble", spy)
    S.SituationReader(embeddings, data_dir=tmp_path).fit(rows + again, plain)
    assert seen == [6]


@pytest.mark.parametrize("text,market,home", [
    ("DE client kickoff fixed 14.03 09:00, our team got there at 09:10", "DE", None),
    ("keiretsu buyer, 3rd visit to their plant, now 'we need to consider'", "JP", None),
    # a boss's nationality, the head office and the employer are the seller's side, never the market
    ("sono italiano. Pune IT services company said 'yes yes'; our HQ in Zurich wants a firm date", "IN", "IT"),
    ("Rotterdam port logistics client called it a bad proposal; my boss is senior and Japanese, very offended", "NL", None),
    ("reunião em Curitiba amanhã 9h; my boss (German) wants me to keep them on agenda", "BR", None),
    ("I work for a US company. Frankfurt bank: the head of department wrote 'Sehr geehrter Herr'", "DE", None),
    # a demonym that describes a person says less than where the organisation sits
    ("Rajesh, the Indian procurement head at a big family group in Dubai, says the Sheikh is positive", "AE", None),
    # the seller's culture said in other ways
    ("als Deutscher dachte ich, die Niederländer sind wie wir", "NL", "DE"),
    ("Como argentino I know haggling, but this Korean tier-1 reopened the price after signing", "KR", "AR"),
    ("feedback for my country manager in Recife. In Sweden we'd go through it in the team review", "BR", "SE"),
    ("German customer evaluating for 5 months; we're a Texas company, CFO says give 10%", "DE", "US"),
    ("je suis belge. Korean client answers 'we will review positively'", "KR", "BE"),
    ("Somos chilenos, small team. Dubai client asked for our final offer before Ramadan", "AE", "CL"),
    # the buyer's head office, a buyer who works for someone, a client word after the employer: the buyer's side
    ("Their HQ in Seoul has to approve every change.", "KR", None),
    ("A logistics company headquartered in Rotterdam asked for a second demo.", "NL", None),
    ("I work for a German client on a machinery tender.", "DE", None),
    # a verb after the seller's people is no attribute of theirs
    ("Our CEO is meeting their Japanese CEO next week.", "JP", None),
    ("My boss is flying to Riyadh for the signing.", "SA", None),
    # 'we'd' after the only market named is about that market; 'como' before a name is 'such as'; 'als' after a
    # comparative is 'than'
    ("In Japan we'd need a local partner before the first meeting.", "JP", None),
    ("Empresas como Samsung pedem desconto logo.", "KR", None),
    ("Die Niederländer sind direkter als Deutsche, sagt der Kunde in Rotterdam.", "NL", None),
])
def test_the_seller_side_and_the_buyer_side_are_told_apart(registry, text, market, home):
    reading = Resolver(registry).read(text)
    assert (reading.market, reading.home) == (market, home), reading.mentions


def test_a_bosss_country_alone_is_still_no_market(registry):
    reading = Resolver(registry).read("my boss is German and wants an agenda for tomorrow")
    assert reading.market is None and reading.home is None
