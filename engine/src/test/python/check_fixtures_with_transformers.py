#!/usr/bin/env python3
"""Cross-checks the tiny-BERT fixtures against Hugging Face transformers' own BertForSequenceClassification.

make_bert_fixtures.py writes the fixtures with a plain-PyTorch BERT (Debian ships no `transformers`). This script loads
the same config.json + model.safetensors into transformers' implementation (eager attention, dropout off), runs the
fixture's inputs, and compares logits, loss and every parameter gradient with expected.safetensors. It needs a Python
with torch, transformers and safetensors (not part of the build); the closing line is "N passed, M failed".

Usage: check_fixtures_with_transformers.py FIXTURE_DIR [FIXTURE_DIR ...]
"""
import sys

import torch
from safetensors.torch import load_file
from transformers import BertConfig, BertForSequenceClassification


def check(fixture):
    config = BertConfig.from_pretrained(fixture)
    config._attn_implementation = "eager"
    model = BertForSequenceClassification(config)
    state = load_file(fixture + "/model.safetensors")
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit("%s: missing %s unexpected %s" % (fixture, missing, unexpected))
    model.eval()
    exp = load_file(fixture + "/expected.safetensors")
    labels = exp["labels"]
    out = model(input_ids=exp["input_ids"], token_type_ids=exp["token_type_ids"],
                attention_mask=exp["attention_mask"], labels=labels)
    out.loss.backward()
    results = []
    results.append(("logits", (out.logits - exp["logits"]).abs().max().item(), 1e-5))
    results.append(("loss", abs(out.loss.item() - exp["loss"].item()), 1e-5))
    for name, p in model.named_parameters():
        ref = exp["grad." + name]
        denom = ref.norm().item()
        rel = (p.grad - ref).norm().item() / denom if denom > 1e-5 else (p.grad - ref).norm().item()
        results.append(("grad." + name, rel, 1e-4))
    ok = 0
    for what, err, tol in results:
        good = err <= tol
        ok += good
        print("%-6s %s %s: %.3g (tolerance %.0e)" % ("ok" if good else "FAIL", fixture.rstrip("/").split("/")[-1], what, err, tol))
    return ok, len(results) - ok


if __name__ == "__main__":
    import transformers
    print("torch %s, transformers %s" % (torch.__version__, transformers.__version__))
    passed = failed = 0
    for d in sys.argv[1:]:
        p, f = check(d)
        passed += p
        failed += f
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
