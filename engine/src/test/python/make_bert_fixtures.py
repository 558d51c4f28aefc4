#!/usr/bin/python3
"""Writes the tiny-BERT fixtures the Java engine tests compare against.

A BERT with Hugging Face semantics, written in plain PyTorch (Debian ships no `transformers`): word + position +
token-type embeddings, LayerNorm, post-LN encoder layers with exact (erf) GELU, additive padding mask
(1 - mask) * finfo(float32).min, tanh pooler on [CLS], dropout + linear classifier; cross-entropy for
classification, MSE for regression (num_labels == 1). Dropout layers exist but the pass runs with dropout off
(eval mode) so the numbers are deterministic. Parameter names are HF's `BertForSequenceClassification` names.

For each fixture directory it writes (tiny-bert-lora: see make_lora_fixture)
  config.json         HF config names
  model.safetensors   weights, [out, in] Linear layout, `bert.` prefix, `classifier.*`
  expected.safetensors inputs (input_ids, token_type_ids, attention_mask, labels), logits, loss, intermediate
                      activations (act.*) and the gradient of every parameter (grad.<name>)

Usage (Debian): apt-get install python3-torch python3-numpy libopenblas0-openmp
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 make_bert_fixtures.py OUT_DIR [--lora-only]
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, ids, types):
        pos = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0).expand_as(ids)
        e = self.word_embeddings(ids) + self.position_embeddings(pos) + self.token_type_embeddings(types)
        return self.dropout(self.LayerNorm(e))


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.heads = c["num_attention_heads"]
        self.query = nn.Linear(d, d)
        self.key = nn.Linear(d, d)
        self.value = nn.Linear(d, d)
        self.dropout = nn.Dropout(c["attention_probs_dropout_prob"])

    def split(self, x):
        b, t, d = x.shape
        return x.view(b, t, self.heads, d // self.heads).permute(0, 2, 1, 3)

    def forward(self, x, additive_mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + additive_mask[:, None, None, :]
        probs = self.dropout(torch.softmax(scores, dim=-1))
        ctx = (probs @ v).permute(0, 2, 1, 3).reshape(x.shape)
        return ctx


class SelfOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, h, residual):
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        setattr(self, "self", SelfAttention(c))
        self.output = SelfOutput(c)

    def forward(self, x, mask, acts, prefix):
        ctx = getattr(self, "self")(x, mask)
        acts[prefix + "context"] = ctx
        return self.output(ctx, x)


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        return F.gelu(self.dense(x))  # exact erf form


class Output(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["intermediate_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, h, residual):
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = Output(c)

    def forward(self, x, mask, acts, prefix):
        a = self.attention(x, mask, acts, prefix)
        acts[prefix + "attention_output"] = a
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])

    def forward(self, x, mask, acts):
        for i, layer in enumerate(self.layer):
            x = layer(x, mask, acts, "layer.%d." % i)
            acts["layer.%d.output" % i] = x
        return x


class Pooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])

    def forward(self, h):
        return torch.tanh(self.dense(h[:, 0]))


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        self.pooler = Pooler(c)

    def forward(self, ids, types, mask, acts):
        additive = (1.0 - mask.float()) * torch.finfo(torch.float32).min
        e = self.embeddings(ids, types)
        acts["embeddings"] = e
        h = self.encoder(e, additive, acts)
        p = self.pooler(h)
        acts["pooled"] = p
        return p


class BertForSequenceClassification(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_labels = c["num_labels"]
        self.bert = Bert(c)
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])
        self.classifier = nn.Linear(c["hidden_size"], c["num_labels"])

    def forward(self, ids, types, mask, labels, acts):
        logits = self.classifier(self.dropout(self.bert(ids, types, mask, acts)))
        if self.num_labels == 1:
            loss = F.mse_loss(logits.squeeze(-1), labels)
        else:
            loss = F.cross_entropy(logits, labels)
        return logits, loss


def init_weights(model):
    """HF's init: Linear/Embedding N(0, 0.02), biases 0, LayerNorm 1/0 -- then perturbed so that biases and
    LayerNorm parameters are not trivially 0/1 and their gradients are exercised with generic values."""
    for name, p in model.named_parameters():
        if "LayerNorm.weight" in name:
            nn.init.normal_(p, 1.0, 0.1)
        elif name.endswith("bias") or "LayerNorm.bias" in name:
            nn.init.normal_(p, 0.0, 0.05)
        else:
            nn.init.normal_(p, 0.0, 0.2)


DTYPES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}


def write_safetensors(path, tensors, metadata=None):
    """The safetensors layout by hand: u64 LE header length, JSON header, raw little-endian row-major data."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        dtype, np_dtype = DTYPES[t.dtype]
        raw = t.numpy().astype(np_dtype).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    header["__metadata__"] = metadata or {"format": "pt", "generator": "make_bert_fixtures.py, torch " + torch.__version__}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def tiny_config(num_labels):
    """The tiny BERT's HF config with a task head of `num_labels` (1: regression)."""
    c = {
        "architectures": ["BertForSequenceClassification"],
        "model_type": "bert",
        "vocab_size": 99,
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "intermediate_size": 64,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": 64,
        "type_vocab_size": 2,
        "initializer_range": 0.02,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "classifier_dropout": None,
    }
    if num_labels == 1:
        c["problem_type"] = "regression"
        c["id2label"] = {"0": "LABEL_0"}
        c["label2id"] = {"LABEL_0": 0}
    else:
        c["problem_type"] = "single_label_classification"
        c["id2label"] = {str(i): "LABEL_%d" % i for i in range(num_labels)}
        c["label2id"] = {"LABEL_%d" % i: i for i in range(num_labels)}
    c["num_labels"] = num_labels
    return c


def tiny_batch(c, num_labels):
    """A padded batch: lengths 7, 4, 6 and 2 (padded to 7); segment A then segment B, pad id 0 after the end."""
    lengths = [7, 4, 6, 2]
    b, t = len(lengths), max(lengths)
    ids = torch.zeros(b, t, dtype=torch.int64)
    types = torch.zeros(b, t, dtype=torch.int64)
    mask = torch.zeros(b, t, dtype=torch.int64)
    for i, n in enumerate(lengths):
        ids[i, :n] = torch.randint(1, c["vocab_size"], (n,))
        ids[i, 0] = 2  # a [CLS]-like id
        mask[i, :n] = 1
        types[i, (n + 1) // 2:n] = 1
    if num_labels == 1:
        labels = torch.rand(b) * 5.0
    else:
        labels = torch.randint(0, num_labels, (b,))
    return ids, types, mask, labels


def make_fixture(out_dir, num_labels, seed):
    torch.manual_seed(seed)
    c = tiny_config(num_labels)

    model = BertForSequenceClassification(c)
    init_weights(model)
    model.eval()  # dropout off

    ids, types, mask, labels = tiny_batch(c, num_labels)

    acts = {}
    logits, loss = model(ids, types, mask, labels, acts)
    model.zero_grad()
    loss.backward()

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(c, f, indent=2, sort_keys=True)
        f.write("\n")
    write_safetensors(os.path.join(out_dir, "model.safetensors"), dict(model.named_parameters()))
    expected = {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "labels": labels,
                "logits": logits, "loss": loss.reshape(1)}
    for k, v in acts.items():
        expected["act." + k] = v
    for name, p in model.named_parameters():
        expected["grad." + name] = p.grad
    write_safetensors(os.path.join(out_dir, "expected.safetensors"), expected)
    print("%s: loss %.6f, %d parameters" % (out_dir, loss.item(), sum(p.numel() for p in model.parameters())))


# ---------------------------------------------------------------------------------------------------------- LoRA
#
# LoRA as peft's lora.Linear computes it, written out here: y = base(x) + B(A(dropout(x))) * alpha / r, with A an
# nn.Linear(in, r, bias=False) ([r, in]) and B an nn.Linear(r, out, bias=False) ([out, r]). Targets follow peft's rule
# for a list of names: a module whose name equals a target or ends with "." + target. The task head is peft's
# modules_to_save: a trained copy of the classifier and of the pooler replaces the base's.

LORA_R, LORA_ALPHA, LORA_DROPOUT = 4, 6, 0.1
LORA_TARGETS = ["query", "value", "intermediate.dense", "output.dense"]  # output.dense also hits attention.output.dense
LORA_MODULES_TO_SAVE = ["pooler", "classifier", "score"]  # as peft saves it: ours, then the SEQ_CLS names it appends


class LoraLinear(nn.Module):
    def __init__(self, base, r, alpha, dropout):
        super().__init__()
        self.base_layer = base
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        self.lora_dropout = nn.Dropout(dropout)
        self.scaling = alpha / r

    def forward(self, x):
        return self.base_layer(x) + self.lora_B(self.lora_A(self.lora_dropout(x))) * self.scaling


def is_target(name, targets):
    return any(name == t or name.endswith("." + t) for t in targets)


def add_lora(model, targets):
    """Wraps every targeted nn.Linear (not the task head); returns the wrapped module names in model order."""
    names = [n for n, m in model.named_modules() if isinstance(m, nn.Linear) and is_target(n, targets)
             and not n.startswith("classifier") and not n.startswith("bert.pooler")]
    for n in names:
        parent, _, child = n.rpartition(".")
        owner = model.get_submodule(parent)
        setattr(owner, child, LoraLinear(getattr(owner, child), LORA_R, LORA_ALPHA, LORA_DROPOUT))
    return names


def kaiming_uniform_bound(fan_in):
    """The bound torch.nn.init.kaiming_uniform_(w, a=sqrt(5)) draws within, from torch's own gain function."""
    gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    return math.sqrt(3.0) * gain / math.sqrt(fan_in)


def make_lora_fixture(out_dir, seed):
    """tiny-bert-lora: a base model directory (config.json, model.safetensors with the base's own classifier and
    pooler), a LoRA adapter in exactly peft's layout (peft-adapter/), and expected.safetensors: logits, loss and the
    gradients of every LoRA factor and of the task head's copies (eval mode), the logits of the merged model
    (W + s·B·A, the task head's copies in place), and the Kaiming bound torch uses for each fan-in."""
    torch.manual_seed(seed)
    c = tiny_config(3)
    model = BertForSequenceClassification(c)
    init_weights(model)
    base_state = {k: v.detach().clone() for k, v in model.named_parameters()}

    targeted = add_lora(model, LORA_TARGETS)
    for n in targeted:
        m = model.get_submodule(n)
        nn.init.kaiming_uniform_(m.lora_A.weight, a=math.sqrt(5))  # peft's init of A
        nn.init.normal_(m.lora_B.weight, 0.0, 0.2)  # peft starts B at zero; a trained B exercises A's gradient
    with torch.no_grad():  # the trained copies of the task head (modules_to_save)
        for name, p in model.named_parameters():
            if name.startswith("classifier.") or name.startswith("bert.pooler."):
                p.add_(torch.randn_like(p) * 0.1)
    for name, p in model.named_parameters():
        p.requires_grad_(".lora_" in name or name.startswith("classifier.") or name.startswith("bert.pooler."))
    model.eval()

    ids, types, mask, labels = tiny_batch(c, 3)
    acts = {}
    logits, loss = model(ids, types, mask, labels, acts)
    loss.backward()

    # The merged model: W + s·B·A in every targeted layer, the task head's trained copies, nothing else changed.
    merged = BertForSequenceClassification(c)
    merged_state = dict(base_state)
    for name, p in model.named_parameters():
        if name.startswith("classifier.") or name.startswith("bert.pooler."):
            merged_state[name] = p.detach().clone()
    for n in targeted:
        m = model.get_submodule(n)
        merged_state[n + ".weight"] = base_state[n + ".weight"] + m.scaling * (m.lora_B.weight @ m.lora_A.weight).detach()
    merged.load_state_dict(merged_state)
    merged.eval()
    with torch.no_grad():
        merged_logits, _ = merged(ids, types, mask, labels, {})

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(c, f, indent=2, sort_keys=True)
        f.write("\n")
    write_safetensors(os.path.join(out_dir, "model.safetensors"), base_state)

    # peft's adapter folder: keys "base_model.model." + the module's name + ".lora_A.weight" / ".lora_B.weight" (the
    # adapter name "default" removed), and each modules_to_save module's own parameters under its name; the config
    # as PeftConfig.save_pretrained writes it (json.dumps(indent=2, sort_keys=True), no newline at the end).
    adapter = {}
    for name, p in model.named_parameters():
        if ".lora_" in name or name.startswith("classifier.") or name.startswith("bert.pooler."):
            adapter["base_model.model." + name] = p
    peft_dir = os.path.join(out_dir, "peft-adapter")
    os.makedirs(peft_dir, exist_ok=True)
    write_safetensors(os.path.join(peft_dir, "adapter_model.safetensors"), adapter, metadata={"format": "pt"})
    peft_config = {
        "alpha_pattern": {}, "auto_mapping": None, "base_model_name_or_path": "tiny-bert-lora", "bias": "none",
        "exclude_modules": None, "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True,
        "layer_replication": None, "layers_pattern": None, "layers_to_transform": None, "loftq_config": {},
        "lora_alpha": LORA_ALPHA, "lora_bias": False, "lora_dropout": LORA_DROPOUT, "megatron_config": None,
        "megatron_core": "megatron.core", "modules_to_save": LORA_MODULES_TO_SAVE, "peft_type": "LORA",
        "r": LORA_R, "rank_pattern": {}, "revision": None, "target_modules": sorted(LORA_TARGETS),
        "task_type": "SEQ_CLS", "use_dora": False, "use_rslora": False,
    }
    with open(os.path.join(peft_dir, "adapter_config.json"), "w") as f:
        f.write(json.dumps(peft_config, indent=2, sort_keys=True))

    expected = {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "labels": labels,
                "logits": logits, "loss": loss.reshape(1), "merged.logits": merged_logits}
    for name, p in model.named_parameters():
        if p.requires_grad:
            expected["grad." + name] = p.grad
    for fan_in in (c["hidden_size"], c["intermediate_size"]):
        expected["kaiming_bound.%d" % fan_in] = torch.tensor([kaiming_uniform_bound(fan_in)], dtype=torch.float32)
        drawn = torch.empty(64, fan_in)
        nn.init.kaiming_uniform_(drawn, a=math.sqrt(5))
        assert drawn.abs().max().item() <= kaiming_uniform_bound(fan_in)
    write_safetensors(os.path.join(out_dir, "expected.safetensors"), expected)
    print("%s: loss %.6f, %d LoRA modules, %d adapter tensors" % (out_dir, loss.item(), len(targeted), len(adapter)))


if __name__ == "__main__":
    torch.set_num_threads(1)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "."
    if "--lora-only" not in sys.argv:
        make_fixture(os.path.join(root, "tiny-bert-classification"), num_labels=3, seed=1234)
        make_fixture(os.path.join(root, "tiny-bert-regression"), num_labels=1, seed=4321)
    make_lora_fixture(os.path.join(root, "tiny-bert-lora"), seed=2468)
