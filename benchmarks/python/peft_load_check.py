#!/usr/bin/env python3
"""Python peft loads an adapter this project wrote (hifi.bench.PeftExport) and computes the project's logits.

Loads BASE with transformers' AutoModelForSequenceClassification, wraps it with peft's PeftModel.from_pretrained(ADAPTER),
runs the input ids of EXPECTED (eval mode, token types 0) and compares the logits with the engine's. Prints one JSON
line; exit 0 when the largest absolute difference is at most --tol (default 1e-4), 1 otherwise.

Usage: peft_load_check.py --base DIR --adapter DIR --expected FILE [--tol 1e-4]
"""
import argparse
import json
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True)
    p.add_argument("--adapter", required=True)
    p.add_argument("--expected", required=True)
    p.add_argument("--tol", type=float, default=1e-4)
    a = p.parse_args()

    import peft
    import torch
    import transformers
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification

    with open(a.expected, encoding="utf-8") as f:
        exp = json.load(f)
    want = torch.tensor(exp["logits"], dtype=torch.float32)
    model = AutoModelForSequenceClassification.from_pretrained(a.base, num_labels=want.shape[1])
    model = PeftModel.from_pretrained(model, a.adapter)
    model.eval()
    ids = torch.tensor(exp["input_ids"])
    with torch.no_grad():
        got = model(input_ids=ids, attention_mask=torch.tensor(exp["attention_mask"]),
                    token_type_ids=torch.zeros_like(ids)).logits.float()
    diff = (got - want).abs().max().item()
    print(json.dumps({"peft": peft.__version__, "transformers": transformers.__version__, "torch": torch.__version__,
                      "max_abs_diff": diff, "tol": a.tol, "ok": diff <= a.tol}))
    return 0 if diff <= a.tol else 1


if __name__ == "__main__":
    sys.exit(main())
