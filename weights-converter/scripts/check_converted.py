#!/usr/bin/python3
"""Independent check of a converted model directory with PyTorch (no Java involved in the reading):
parses model.safetensors by the format's spec and compares every tensor with a torch checkpoint's state dict
(names mapped as HF does: optional "bert." prefix, tied decoder and position_ids dropped; pooler and MLM head
only where the converted config says it has them).

  /usr/bin/python3 weights-converter/scripts/check_converted.py <converted-dir> <pytorch_model.bin>
"""
import json
import struct
import sys

import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", (name, e["dtype"])
        b, end = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[b:end]), dtype=torch.float32).reshape(e["shape"])
    return header.get("__metadata__", {}), out


def main(directory, checkpoint):
    metadata, converted = read_safetensors(directory + "/model.safetensors")
    state = torch.load(checkpoint, map_location="cpu")
    config = json.load(open(directory + "/config.json"))
    expected = {}
    for k, v in state.items():
        k = k[len("bert."):] if k.startswith("bert.") else k
        if k in ("embeddings.position_ids", "cls.predictions.decoder.weight") or k.startswith("cls.seq_relationship"):
            continue
        if (k.startswith("pooler.") and not config["has_pooler"]) or (k.startswith("cls.") and not config["has_mlm_head"]):
            continue
        expected[k] = v.float()
    assert set(expected) == set(converted), (set(expected) ^ set(converted))
    for k, v in expected.items():
        assert torch.equal(v, converted[k]), k
    print(f"OK: {len(converted)} tensors identical to {checkpoint}; metadata {metadata}; "
          f"has_pooler={config['has_pooler']} has_mlm_head={config['has_mlm_head']}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
