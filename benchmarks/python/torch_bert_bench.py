#!/usr/bin/python3
"""PyTorch side of benchmarks/compare-bert.sh: times BERT-base (random weights, fp32) forward and forward+backward.

The model is the same plain-PyTorch BERT with HF semantics that writes the engine's test fixtures
(engine/src/test/python/make_bert_fixtures.py), at BERT-base size, dropout off.

--method full (the default): all parameters trainable; times the forward and forward+backward, writes forward_ms and
train_ms, and exports the encoder + pooler + classifier to ONNX (opset 13) for the ONNX Runtime Java peer.

--method hifi: HiFi as a PyTorch user would write it. requires_grad only on each layer's attention query/key/value
weights and biases and attention output weight, plus the pooler and the classifier (what hifi.bench.BertBench trains:
head l mod H of layer l with its Q/K/V rows, bias entries and W_O columns, pooler and classifier whole). The attention
output bias stays frozen, as in the engine, where no head owns it. Gradient hooks zero the rows (Q/K/V weights and
biases) and columns (output weight) of the heads not selected: PyTorch computes the whole dW of those tensors and
masks it, where the engine computes only the selected slices. With --heads-per-layer K, layer l trains heads
(l + i) mod H for i < K. Times forward+backward only and writes hifi_train_ms.

Usage: torch_bert_bench.py --threads N --batch 8 --seq 128 --reps 5 --warmup 2 --out results.json [--onnx model.onnx]
                          [--method full|hifi] [--heads-per-layer 1]
                          [--device cuda]     (fp32 with TF32 off; timings synchronise the device)
       torch_bert_bench.py --check            (asserts the hifi masking on a tiny model against the full gradient)
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "engine", "src", "test", "python"))

import torch  # noqa: E402
from make_bert_fixtures import BertForSequenceClassification, init_weights  # noqa: E402

BERT_BASE = {
    "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
    "intermediate_size": 3072, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
    "attention_probs_dropout_prob": 0.0, "max_position_embeddings": 512, "type_vocab_size": 2,
    "layer_norm_eps": 1e-12, "num_labels": 2,
}

HEAD_ROWS = ("attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight",
             "attention.self.key.bias", "attention.self.value.weight", "attention.self.value.bias")
HEAD_COLUMNS = ("attention.output.dense.weight",)
WHOLE = ("bert.pooler.", "classifier.")


class Logits(torch.nn.Module):
    """Inputs -> logits, for the ONNX export (no loss, no activation capture)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, ids, types, mask):
        return self.model.classifier(self.model.bert(ids, types, mask, {}))


def median_ms(fn, reps, warmup, sync=lambda: None):
    for _ in range(warmup):
        fn()
    sync()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        sync()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times), times


def selected_heads(layers, heads, k):
    """Layer l trains heads (l + i) mod H, i < k: for k = 1 the head BertBench picks."""
    if not 1 <= k <= heads:
        raise SystemExit("torch_bert_bench.py: --heads-per-layer must be in 1..%d, got %d" % (heads, k))
    return [sorted((l + i) % heads for i in range(k)) for l in range(layers)]


def make_hifi(model, config, heads):
    """Freezes everything but the attention Q/K/V/O weights, Q/K/V biases, pooler and classifier, and hooks the
    gradients of the head-sliced tensors so that only the selected heads' rows / columns survive.
    Returns the number of trained values (selected slices plus whole tensors)."""
    d_h = config["hidden_size"] // config["num_attention_heads"]
    trained = 0
    for name, p in model.named_parameters():
        p.requires_grad_(False)
        if name.startswith(WHOLE):
            p.requires_grad_(True)
            trained += p.numel()
            continue
        parts = name.split(".")  # bert.encoder.layer.<l>.<rest>
        if parts[:3] != ["bert", "encoder", "layer"]:
            continue
        rest = ".".join(parts[4:])
        if rest not in HEAD_ROWS and rest not in HEAD_COLUMNS:
            continue
        keep = torch.zeros(p.shape[0], device=p.device)
        for h in heads[int(parts[3])]:
            keep[h * d_h:(h + 1) * d_h] = 1.0
        if rest in HEAD_COLUMNS:
            mask = keep.unsqueeze(0).expand(p.shape[0], -1).contiguous()
        elif p.dim() == 2:
            mask = keep.unsqueeze(1).expand(-1, p.shape[1]).contiguous()
        else:
            mask = keep
        p.requires_grad_(True)
        p.register_hook(lambda g, m=mask: g * m)
        trained += int(mask.sum().item())
    return trained


def build(config, batch, seq, device):
    torch.manual_seed(0)
    model = BertForSequenceClassification(dict(config))
    init_weights(model)
    model.eval()
    ids = torch.randint(1, config["vocab_size"], (batch, seq))
    types = torch.zeros(batch, seq, dtype=torch.int64)
    types[:, seq // 2:] = 1
    mask = torch.ones(batch, seq, dtype=torch.int64)
    labels = torch.randint(0, 2, (batch,))
    model.to(device)
    return model, tuple(x.to(device) for x in (ids, types, mask, labels))


def train_step(model, inputs):
    model.zero_grad(set_to_none=False)
    _, loss = model(*inputs, {})
    loss.backward()


def check():
    """The hifi masking on a tiny BERT: selected slices and whole tensors get the full-training gradient exactly, the
    other heads' rows / columns exactly zero, every other tensor none."""
    tiny = dict(BERT_BASE, vocab_size=50, hidden_size=16, num_hidden_layers=3, num_attention_heads=4, intermediate_size=32)
    model, inputs = build(tiny, 2, 6, "cpu")
    train_step(model, inputs)
    full = {n: p.grad.clone() for n, p in model.named_parameters()}
    model.zero_grad(set_to_none=True)
    heads = selected_heads(3, 4, 2)
    trained = make_hifi(model, tiny, heads)
    train_step(model, inputs)
    d_h, seen = 4, 0
    for name, p in model.named_parameters():
        g, ref = p.grad, full[name]
        if name.startswith(WHOLE):
            assert torch.equal(g, ref), name
            seen += g.numel()
            continue
        rest = ".".join(name.split(".")[4:])
        if rest not in HEAD_ROWS and rest not in HEAD_COLUMNS:
            assert g is None, name + " should be frozen"
            continue
        layer = int(name.split(".")[3])
        view = g.t() if rest in HEAD_COLUMNS else g
        ref_view = ref.t() if rest in HEAD_COLUMNS else ref
        for h in range(4):
            rows = slice(h * d_h, (h + 1) * d_h)
            if h in heads[layer]:
                assert torch.equal(view[rows], ref_view[rows]) and ref_view[rows].abs().sum() > 0, "%s head %d" % (name, h)
                seen += view[rows].numel()
            else:
                assert not view[rows].any(), "%s head %d should be zero" % (name, h)
    assert seen == trained, (seen, trained)
    print("check: hifi masking OK (%d trained values of %d)" % (trained, sum(p.numel() for p in model.parameters())))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--out")
    ap.add_argument("--onnx")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--method", default="full", choices=["full", "hifi"])
    ap.add_argument("--heads-per-layer", type=int, default=1)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.check:
        check()
        return
    if not a.out:
        ap.error("--out is required")
    if a.device == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("torch_bert_bench.py: --device cuda, but torch %s sees no CUDA device" % torch.__version__)
        torch.backends.cuda.matmul.allow_tf32 = False  # plain fp32 products, like the engine's
        torch.backends.cudnn.allow_tf32 = False
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    model, inputs = build(BERT_BASE, a.batch, a.seq, a.device)
    result = {"torch": torch.__version__, "device": a.device, "threads": a.threads, "batch": a.batch, "seq": a.seq,
              "parameters": sum(p.numel() for p in model.parameters())}
    if a.device == "cuda":
        result["gpu"] = torch.cuda.get_device_name()
        result["tf32"] = False

    if a.method == "hifi":
        heads = selected_heads(BERT_BASE["num_hidden_layers"], BERT_BASE["num_attention_heads"], a.heads_per_layer)
        trained = make_hifi(model, BERT_BASE, heads)
        train, train_all = median_ms(lambda: train_step(model, inputs), a.reps, a.warmup, sync)
        result.update({"method": "hifi", "heads_per_layer": a.heads_per_layer, "heads": heads,
                       "trained_values": trained,
                       "requires_grad_values": sum(p.numel() for p in model.parameters() if p.requires_grad),
                       "hifi_train_ms": train, "hifi_train_runs_ms": train_all})
        line = "torch %s, %s, %d threads: hifi k=%d forward+backward %.0f ms (%d trained values, gradients masked by hooks)" % (
            torch.__version__, a.device, a.threads, a.heads_per_layer, train, trained)
    else:
        def forward():
            with torch.no_grad():
                model(*inputs, {})

        fwd, fwd_all = median_ms(forward, a.reps, a.warmup, sync)
        train, train_all = median_ms(lambda: train_step(model, inputs), a.reps, a.warmup, sync)
        result.update({"forward_ms": fwd, "forward_runs_ms": fwd_all, "train_ms": train, "train_runs_ms": train_all})
        if a.onnx and a.device == "cpu" and not os.path.exists(a.onnx):
            tmp = a.onnx + ".tmp"
            torch.onnx.export(Logits(model), inputs[:3], tmp, opset_version=13,
                              input_names=["input_ids", "token_type_ids", "attention_mask"], output_names=["logits"])
            os.replace(tmp, a.onnx)
        line = "torch %s, %s, %d threads: forward %.0f ms, forward+backward %.0f ms" % (
            torch.__version__, a.device, a.threads, fwd, train)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
    os.replace(tmp, a.out)
    print(line)


if __name__ == "__main__":
    main()
