#!/usr/bin/env python3
"""Builds the tokenizer parity fixtures in engine/src/test/resources/tokenizer/ from the project's shared data.

Usage: python3 make_tokenizer_fixtures.py <shared data dir, e.g. ../shared/data> <output dir>

Texts are copied unchanged (only the line end is dropped). No MRPC or STS-B text is used: their licences forbid it.
The expected token ids are NOT stored: the test computes them with HuggingFace tokenizers (DJL) at run time.
"""
import csv
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]


def tsv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_lines(name, lines):
    for line in lines:
        assert "\n" not in line and "\r" not in line, (name, line)
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(line + "\n" for line in lines))
    print(name, len(lines))


rte_dev = tsv_rows(os.path.join(src, "glue/RTE/dev.tsv"))[1:]
rte_train = tsv_rows(os.path.join(src, "glue/RTE/train.tsv"))[1:]
pairs = [(r[1], r[2]) for r in rte_dev] + [(r[1], r[2]) for r in rte_train[:723]]
for a, b in pairs:
    assert "\t" not in a and "\t" not in b
write_lines("rte-pairs.tsv", [a + "\t" + b for a, b in pairs])

write_lines("cola-dev.txt", [r[3] for r in tsv_rows(os.path.join(src, "glue/CoLA/dev.tsv"))])
write_lines("sst2-dev.txt", [r[0] for r in tsv_rows(os.path.join(src, "glue/SST-2/dev.tsv"))[1:]])

uci = []
for domain in ("amazon", "imdb", "yelp"):
    with open(os.path.join(src, "uci-sentiment", domain + ".json"), encoding="utf-8") as f:
        uci += [row["text"] for row in json.load(f) if "text" in row]
write_lines("uci-sentiment.txt", uci)
