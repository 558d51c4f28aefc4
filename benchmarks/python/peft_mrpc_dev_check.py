#!/usr/bin/env python3
"""Python peft scores an MRPC LoRA adapter this project trained, on MRPC's dev set, as transformers would.

Loads BASE (a model directory `hifi convert` wrote: HF config.json, model.safetensors, vocab.txt) with transformers'
AutoModelForSequenceClassification, wraps it with peft's PeftModel.from_pretrained(ADAPTER), tokenizes each sentence
pair with transformers' BertTokenizer (lower case, longest-first truncation to --max-length, default 128, the grid's
setting) and prints the dev accuracy and F1 as one JSON line, to compare with the run's result.json.

Usage: peft_mrpc_dev_check.py --base DIR --adapter DIR --dev MRPC/dev.tsv [--max-length 128]
"""
import argparse
import csv
import json


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True)
    p.add_argument("--adapter", required=True)
    p.add_argument("--dev", required=True)
    p.add_argument("--max-length", type=int, default=128)
    a = p.parse_args()

    import torch
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification, BertTokenizer

    rows = []
    with open(a.dev, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            rows.append((int(row[0]), row[3], row[4]))
    tokenizer = BertTokenizer(a.base + "/vocab.txt", do_lower_case=True)
    model = PeftModel.from_pretrained(AutoModelForSequenceClassification.from_pretrained(a.base, num_labels=2), a.adapter)
    model.eval()
    predictions = []
    with torch.no_grad():
        for i in range(0, len(rows), 32):
            batch = rows[i:i + 32]
            enc = tokenizer([r[1] for r in batch], [r[2] for r in batch], truncation="longest_first",
                            max_length=a.max_length, padding=True, return_tensors="pt")
            predictions += model(**enc).logits.argmax(-1).tolist()
    gold = [r[0] for r in rows]
    tp = sum(1 for p_, g in zip(predictions, gold) if p_ == 1 and g == 1)
    fp = sum(1 for p_, g in zip(predictions, gold) if p_ == 1 and g == 0)
    fn = sum(1 for p_, g in zip(predictions, gold) if p_ == 0 and g == 1)
    accuracy = sum(p_ == g for p_, g in zip(predictions, gold)) / len(gold)
    print(json.dumps({"examples": len(gold), "accuracy": accuracy, "f1": 2 * tp / (2 * tp + fp + fn)}))


if __name__ == "__main__":
    main()
