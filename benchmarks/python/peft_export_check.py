#!/usr/bin/env python3
"""Python peft writes a LoRA adapter for this project to load (the other half of peft_load_check.py).

Loads BASE with transformers' AutoModelForSequenceClassification, wraps it with peft's get_peft_model (LoRA r 4,
alpha 8, no dropout, on query, value, intermediate.dense and output.dense, bias none; the classifier and the pooler
as modules_to_save), gives every LoRA factor and the saved modules random values (so that none is zero and the saved
modules differ from the base), saves the adapter with save_pretrained into OUT/adapter and writes OUT/expected.json:
token ids, attention mask and peft's logits (eval mode, token types 0). hifi.bench.PeftImportCheck then loads the same
base and adapter with this project's loader and compares the logits.

Usage: peft_export_check.py --base DIR --out DIR [--seed 7]
"""
import argparse
import json
import os


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()

    import peft
    import torch
    import transformers
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification

    torch.manual_seed(a.seed)
    base = AutoModelForSequenceClassification.from_pretrained(a.base)
    config = LoraConfig(task_type="SEQ_CLS", r=4, lora_alpha=8, lora_dropout=0.0, bias="none",
                        target_modules=["query", "value", "intermediate.dense", "output.dense"],
                        modules_to_save=["classifier", "pooler"])
    model = get_peft_model(base, config)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if param.requires_grad:   # the LoRA factors and the copies of the saved modules
                param.copy_(torch.randn_like(param) * 0.2)
    model.eval()

    vocab = base.config.vocab_size
    g = torch.Generator().manual_seed(a.seed + 1)
    ids = torch.randint(1, vocab, (4, 12), generator=g)
    mask = torch.ones_like(ids)
    mask[1, 9:] = 0   # one padded sequence
    ids[1, 9:] = 0
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).logits.float()

    os.makedirs(a.out, exist_ok=True)
    model.save_pretrained(os.path.join(a.out, "adapter"))
    with open(os.path.join(a.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logits": logits.tolist(),
                   "peft": peft.__version__, "transformers": transformers.__version__, "torch": torch.__version__}, f)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(json.dumps({"adapter": os.path.join(a.out, "adapter"), "trainable": trainable, "peft": peft.__version__,
                      "transformers": transformers.__version__}))


if __name__ == "__main__":
    main()
