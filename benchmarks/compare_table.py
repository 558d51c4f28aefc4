"""Joins the "name|GFLOP/s" outputs of GemmHarness (ours) and numpy_gemm.py (OpenBLAS) into one table.

Usage: compare_table.py OURS THEIRS. The last line printed is "min ratio vs OpenBLAS: <x.xx>".
"""
import sys


def read(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if "|" in line and not line.startswith("#"):
                name, value = line.rstrip("\n").rsplit("|", 1)
                rows[name] = float(value)
    return rows


def main():
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    missing = [name for name in ours if name not in theirs]
    if missing or not ours:
        sys.exit("compare_table: no OpenBLAS timing for %s" % (missing or "any shape"))
    width = max(len(name) for name in ours)
    print("%-*s  %12s  %12s  %6s" % (width, "shape", "ours GFLOP/s", "OpenBLAS", "ratio"))
    ratios = []
    for name, mine in ours.items():
        ratio = mine / theirs[name]
        ratios.append(ratio)
        print("%-*s  %12.1f  %12.1f  %6.2f" % (width, name, mine, theirs[name], ratio))
    print("min ratio vs OpenBLAS: %.2f" % min(ratios))


if __name__ == "__main__":
    main()
