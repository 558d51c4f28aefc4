#!/usr/bin/python3
"""PyTorch side of benchmarks/compare-bert.sh: times BERT-base (random weights, fp32) forward and forward+backward.

The model is the same plain-PyTorch BERT with HF semantics that writes the engine's test fixtures
(engine/src/test/python/make_bert_fixtures.py), at BERT-base size, all parameters trainable, dropout off.
It also exports the encoder + pooler + classifier to ONNX (opset 13) for the ONNX Runtime Java peer.

Usage: torch_bert_bench.py --threads N --batch 8 --seq 128 --reps 5 --warmup 2 --out results.json [--onnx model.onnx]
                          [--device cuda]     (the GPU baseline for the TornadoVM backend; timings synchronise the device)
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "engine", "src", "test", "python"))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from make_bert_fixtures import BertForSequenceClassification, init_weights  # noqa: E402

BERT_BASE = {
    "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
    "intermediate_size": 3072, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
    "attention_probs_dropout_prob": 0.0, "max_position_embeddings": 512, "type_vocab_size": 2,
    "layer_norm_eps": 1e-12, "num_labels": 2,
}


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--out", required=True)
    ap.add_argument("--onnx")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    a = ap.parse_args()
    if a.device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False  # plain fp32 products, like the engine's
        torch.backends.cudnn.allow_tf32 = False
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)

    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    model = BertForSequenceClassification(dict(BERT_BASE))
    init_weights(model)
    model.eval()
    ids = torch.randint(1, BERT_BASE["vocab_size"], (a.batch, a.seq))
    types = torch.zeros(a.batch, a.seq, dtype=torch.int64)
    types[:, a.seq // 2:] = 1
    mask = torch.ones(a.batch, a.seq, dtype=torch.int64)
    labels = torch.randint(0, 2, (a.batch,))
    if a.device == "cuda":
        model.to("cuda")
        ids, types, mask, labels = (x.to("cuda") for x in (ids, types, mask, labels))

    def forward():
        with torch.no_grad():
            model(ids, types, mask, labels, {})

    def train_step():
        model.zero_grad(set_to_none=False)
        _, loss = model(ids, types, mask, labels, {})
        loss.backward()

    fwd, fwd_all = median_ms(forward, a.reps, a.warmup, sync)
    train, train_all = median_ms(train_step, a.reps, a.warmup, sync)
    result = {"torch": torch.__version__, "device": a.device, "threads": a.threads, "batch": a.batch, "seq": a.seq,
              "parameters": sum(p.numel() for p in model.parameters()),
              "forward_ms": fwd, "forward_runs_ms": fwd_all, "train_ms": train, "train_runs_ms": train_all}
    if a.onnx and a.device == "cpu" and not os.path.exists(a.onnx):
        tmp = a.onnx + ".tmp"
        torch.onnx.export(Logits(model), (ids, types, mask), tmp, opset_version=13,
                          input_names=["input_ids", "token_type_ids", "attention_mask"], output_names=["logits"])
        os.replace(tmp, a.onnx)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)
    print("torch %s, %s, %d threads: forward %.0f ms, forward+backward %.0f ms" % (torch.__version__, a.device, a.threads, fwd, train))


if __name__ == "__main__":
    main()
