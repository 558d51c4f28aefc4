"""Times OpenBLAS sgemm through numpy on the shapes GemmHarness --list prints (read from stdin).

Output: one line per shape, "name|GFLOP/s" (median of RUNS timed calls after warm-up), the format GemmHarness
prints. The thread count comes from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, set by compare-gemm.sh. Which
OpenBLAS kernel runs is reported on stderr via threadpoolctl when it is installed.
"""
import sys
import time

import numpy as np


def describe_blas():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed: OpenBLAS kernel not recorded"
    infos = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
    if not infos:
        return "numpy is not linked to OpenBLAS: " + repr(threadpool_info())
    i = infos[0]
    return "OpenBLAS %s, kernel %s, %s threads, %s" % (i.get("version"), i.get("architecture"),
                                                      i.get("num_threads"), i.get("filepath"))


def operands(batch, m, n, k, trans_a, trans_b, rng):
    def make(rows, cols, trans):
        shape = (cols, rows) if trans else (rows, cols)
        x = rng.uniform(-1, 1, size=(batch,) + shape).astype(np.float32)
        x = x.transpose(0, 2, 1) if trans else x  # a transposed view, as a BLAS 'T' operand
        return x[0] if batch == 1 else x
    a, b = make(m, k, trans_a), make(k, n, trans_b)
    c = np.empty((m, n) if batch == 1 else (batch, m, n), dtype=np.float32)
    return a, b, c


def measure(batch, m, n, k, trans_a, trans_b, runs):
    a, b, c = operands(batch, m, n, k, trans_a, trans_b, np.random.default_rng(42))
    warm_until = time.perf_counter() + 1.0
    calls = 0
    while calls < 3 or time.perf_counter() < warm_until:
        np.matmul(a, b, out=c)
        calls += 1
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        rates.append(2.0 * batch * m * n * k / (time.perf_counter() - t0) / 1e9)
    rates.sort()
    return rates[runs // 2]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print("# numpy %s, %s" % (np.__version__, describe_blas()), file=sys.stderr)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        name, batch, m, n, k, ta, tb = line.split("|")
        gflops = measure(int(batch), int(m), int(n), int(k), ta == "1", tb == "1", runs)
        print("%s|%.1f" % (name, gflops), flush=True)


if __name__ == "__main__":
    main()
