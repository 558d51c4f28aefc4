#!/usr/bin/python3
"""Generates the weights-converter test fixtures with PyTorch (Debian python3-torch 1.13).

Run from the repository root:  /usr/bin/python3 weights-converter/scripts/make_fixtures.py

A tiny BERT (HF module names, 2 layers, hidden 8, 2 heads) is built with a fixed seed; its weights are rounded to
values exactly representable in fp32, fp16 and bf16, so every file below holds the same numbers and the Java tests
can compare them for exact equality. Written under weights-converter/src/test/resources/fixtures/:

  tiny-pt/            pytorch_model.bin (torch.save, zip format) of a BertForPreTraining-like state dict
                      ("bert." prefix, position_ids buffer, tied MLM decoder, NSP head), config.json, vocab.txt,
                      tokenizer_config.json
  tiny-st/            the same state dict as model.safetensors (F32), written by this script's own writer
  tiny-st-f16/        model.safetensors in F16
  tiny-sharded-bf16/  two BF16 shards + model.safetensors.index.json
  tiny-onnx/          tiny.onnx exported by torch.onnx (BertModel without pooler, like sentence-transformers
                      exports: anonymous MatMul weights [in, out]) + a WordPiece tokenizer.json
  mixed.bin           tensors that exercise the reader: F16, BF16, F64, a transposed (non-contiguous) view, two
                      views sharing one storage at different offsets, an int64 tensor
  mixed-expected.safetensors   the same tensors as contiguous F32 (int64 left out), to compare against
  evil-*.bin          zip checkpoints whose pickle names a forbidden global or opcode (never executed here)
"""
import io
import json
import math
import os
import pickle
import struct
import zipfile

import torch
import torch.nn as nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures")
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "capital", "of", "france", "is", "paris", "a",
         "man", "worked", "as", "nurse", "in", "hospital", ".", ",", "##s", "##ing", "hello", "world", "café",
         "东", "京", "!", "?", "x"]
CONFIG = dict(vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=2, num_attention_heads=2, intermediate_size=16,
              max_position_embeddings=16, type_vocab_size=2, layer_norm_eps=1e-12)


class SelfAttention(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads, self.dh = heads, h // heads
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)

    def split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.dh).permute(0, 2, 1, 3)

    def forward(self, x, mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.dh) + mask
        ctx = scores.softmax(-1) @ v
        b, _, s, _ = ctx.shape
        return ctx.permute(0, 2, 1, 3).reshape(b, s, self.heads * self.dh)


class DenseNorm(nn.Module):
    def __init__(self, n_in, h, eps):
        super().__init__()
        self.dense, self.LayerNorm = nn.Linear(n_in, h), nn.LayerNorm(h, eps=eps)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = SelfAttention(c["hidden_size"], c["num_attention_heads"])
        self.output = DenseNorm(c["hidden_size"], c["hidden_size"], c["layer_norm_eps"])

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        y = self.dense(x)
        return y * 0.5 * (1.0 + torch.erf(y / math.sqrt(2.0)))


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = DenseNorm(c["intermediate_size"], c["hidden_size"], c["layer_norm_eps"])

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.word_embeddings = nn.Embedding(c["vocab_size"], h)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.register_buffer("position_ids", torch.arange(c["max_position_embeddings"]).expand((1, -1)))

    def forward(self, ids, types):
        pos = self.position_ids[:, : ids.shape[1]]
        return self.LayerNorm(self.word_embeddings(ids) + self.token_type_embeddings(types) + self.position_embeddings(pos))


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])


class Pooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])


class BertModel(nn.Module):
    def __init__(self, c, pooler=True):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        if pooler:
            self.pooler = Pooler(c)

    def forward(self, input_ids, attention_mask, token_type_ids):
        mask = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        x = self.embeddings(input_ids, token_type_ids)
        for layer in self.encoder.layer:
            x = layer(x, mask)
        return x


class Transform(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])


class Predictions(nn.Module):
    def __init__(self, c, word_embeddings):
        super().__init__()
        self.transform = Transform(c)
        self.decoder = nn.Linear(c["hidden_size"], c["vocab_size"], bias=False)
        self.decoder.weight = word_embeddings.weight
        self.bias = nn.Parameter(torch.zeros(c["vocab_size"]))


class Heads(nn.Module):
    def __init__(self, c, word_embeddings):
        super().__init__()
        self.predictions = Predictions(c, word_embeddings)
        self.seq_relationship = nn.Linear(c["hidden_size"], 2)


class BertForPreTraining(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bert = BertModel(c)
        self.cls = Heads(c, self.bert.embeddings.word_embeddings)


def representable(t):
    """Rounds to bf16 and flushes values below fp16's normal range, so fp32, fp16 and bf16 hold them exactly."""
    r = t.to(torch.bfloat16).to(torch.float32)
    return torch.where(r.abs() < 2.0 ** -14, torch.zeros_like(r), r)


def build_model():
    torch.manual_seed(20261126)
    model = BertForPreTraining(CONFIG)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(representable(torch.randn_like(p) * (0.5 if "LayerNorm" not in name else 0.1)
                                  + (1.0 if name.endswith("LayerNorm.weight") else 0.0)))
    return model


def safetensors_bytes(tensors, dtype="F32", metadata=None):
    """An independent safetensors writer (format spec: u64 header length, JSON header, raw little-endian data)."""
    torch_dtype = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        t = tensors[name]
        d = "I64" if t.dtype == torch.int64 else dtype
        data = t.contiguous().to(torch_dtype[d]).view(torch.uint8).numpy().tobytes() if d in ("F16", "BF16") \
            else t.contiguous().to(torch_dtype[d]).numpy().tobytes()
        header[name] = {"dtype": d, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def companions(directory, with_tokenizer_config=True):
    write(os.path.join(directory, "config.json"), json.dumps(dict(model_type="bert", hidden_act="gelu", **CONFIG), indent=2).encode())
    write(os.path.join(directory, "vocab.txt"), ("\n".join(VOCAB) + "\n").encode())
    if with_tokenizer_config:
        write(os.path.join(directory, "tokenizer_config.json"), json.dumps(dict(do_lower_case=True, model_max_length=16)).encode())


def tokenizer_json():
    return json.dumps({"version": "1.0", "normalizer": {"type": "BertNormalizer", "lowercase": True, "strip_accents": None,
                                                        "clean_text": True, "handle_chinese_chars": True},
                       "pre_tokenizer": {"type": "BertPreTokenizer"},
                       "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                                 "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(VOCAB)}}},
                      ensure_ascii=False, indent=1).encode()


def evil_zip(pickle_bytes):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        z.writestr("archive/version", "3\n")
    return buf.getvalue()


class CallsSystem:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class CallsEval:
    def __reduce__(self):
        return (eval, ("1+1",))


def main():
    model = build_model()
    state = model.state_dict()
    write(os.path.join(ROOT, "tiny-pt", "pytorch_model.bin"), save_bytes(state))
    companions(os.path.join(ROOT, "tiny-pt"))

    write(os.path.join(ROOT, "tiny-st", "model.safetensors"), safetensors_bytes(dict(state), metadata={"format": "pt"}))
    companions(os.path.join(ROOT, "tiny-st"))
    write(os.path.join(ROOT, "tiny-st-f16", "model.safetensors"), safetensors_bytes(dict(state), "F16"))
    companions(os.path.join(ROOT, "tiny-st-f16"))

    names = sorted(state)
    shards = {"model-00001-of-00002.safetensors": names[: len(names) // 2],
              "model-00002-of-00002.safetensors": names[len(names) // 2:]}
    weight_map = {}
    for shard, members in shards.items():
        write(os.path.join(ROOT, "tiny-sharded-bf16", shard), safetensors_bytes({n: state[n] for n in members}, "BF16"))
        weight_map.update({n: shard for n in members})
    write(os.path.join(ROOT, "tiny-sharded-bf16", "model.safetensors.index.json"),
          json.dumps({"metadata": {"total_size": 0}, "weight_map": weight_map}, indent=2).encode())
    companions(os.path.join(ROOT, "tiny-sharded-bf16"), with_tokenizer_config=False)

    base = BertModel(CONFIG, pooler=False)
    base.load_state_dict({k[len("bert."):]: v for k, v in state.items() if k.startswith("bert.") and "pooler" not in k})
    base.eval()
    ids = torch.tensor([[2, 5, 6, 7, 8, 9, 10, 3]])
    onnx_path = os.path.join(ROOT, "tiny-onnx", "tiny.onnx")
    os.makedirs(os.path.dirname(onnx_path), exist_ok=True)
    torch.onnx.export(base, (ids, torch.ones_like(ids), torch.zeros_like(ids)), onnx_path,
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
                      dynamic_axes={n: {0: "batch", 1: "seq"} for n in ["input_ids", "attention_mask", "token_type_ids"]},
                      opset_version=11, do_constant_folding=True)
    write(os.path.join(ROOT, "tiny-onnx", "tiny-tokenizer.json"), tokenizer_json())

    torch.manual_seed(7)
    square = representable(torch.randn(3, 5))
    shared = representable(torch.randn(10))
    mixed = {"half": representable(torch.randn(2, 3)).to(torch.float16),
             "bfloat": representable(torch.randn(4)).to(torch.bfloat16),
             "double": representable(torch.randn(3, 2)).to(torch.float64),
             "transposed": square.t(),
             "shared_head": shared[:4],
             "shared_tail": shared[6:].view(2, 2),
             "ids": torch.arange(5)}
    write(os.path.join(ROOT, "mixed.bin"), save_bytes(mixed))
    write(os.path.join(ROOT, "mixed-expected.safetensors"),
          safetensors_bytes({k: v.to(torch.float32) for k, v in mixed.items() if k != "ids"}))

    write(os.path.join(ROOT, "evil-os-system.bin"), evil_zip(pickle.dumps({"w": CallsSystem()}, protocol=2)))
    write(os.path.join(ROOT, "evil-eval-proto4.bin"), evil_zip(pickle.dumps({"w": CallsEval()}, protocol=4)))
    write(os.path.join(ROOT, "evil-inst-opcode.bin"), evil_zip(b"(S'echo pwned'\nios\nsystem\n."))


def save_bytes(obj):
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


if __name__ == "__main__":
    main()
