"""Our GEMM vs OpenBLAS sgemm (through numpy), shape by shape, on the same thread count.

Usage (normally through compare-gemm.sh): compare_gemm.py RUNS [--cpu-time] -- JAVA_COMMAND...

JAVA_COMMAND runs hifi.bench.GemmHarness; it is started twice: with --list to learn the shapes, then with --serve,
which times each shape it is sent. For every shape this script first has Java time ours, then times numpy in this
process, so both see the same machine state. Each side warms up for a second, then reports the median GFLOP/s of
RUNS timed calls. OpenBLAS's thread count comes from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS (set by
compare-gemm.sh). With --cpu-time (one thread only) both sides time with the calling thread's CPU clock instead of
the wall clock. Prints a table; the last line is "min ratio vs OpenBLAS: <x.xx>".
"""
import subprocess
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
        x = x.transpose(0, 2, 1) if trans else x  # a transposed view: BLAS gets it as a 'T' operand
        return x[0] if batch == 1 else x
    a, b = make(m, k, trans_a), make(k, n, trans_b)
    c = np.empty((m, n) if batch == 1 else (batch, m, n), dtype=np.float32)
    return a, b, c


def numpy_gflops(batch, m, n, k, trans_a, trans_b, runs, clock):
    a, b, c = operands(batch, m, n, k, trans_a, trans_b, np.random.default_rng(42))
    warm_until = time.perf_counter() + 1.0
    calls = 0
    while calls < 3 or time.perf_counter() < warm_until:
        np.matmul(a, b, out=c)
        calls += 1
    rates = []
    for _ in range(runs):
        t0 = clock()
        np.matmul(a, b, out=c)
        rates.append(2.0 * batch * m * n * k / (clock() - t0) / 1e9)
    rates.sort()
    return rates[runs // 2]


def main():
    runs = int(sys.argv[1])
    cpu_time = "--cpu-time" in sys.argv[:sys.argv.index("--")]
    clock = time.thread_time if cpu_time else time.perf_counter
    java = sys.argv[sys.argv.index("--") + 1:]
    shapes = [line for line in subprocess.run(java + ["--list"], check=True, capture_output=True,
                                              text=True).stdout.splitlines() if line.strip()]
    print("# numpy %s, %s" % (np.__version__, describe_blas()), flush=True)
    ours = subprocess.Popen(java + ["--serve", "--runs", str(runs)] + (["--cpu-time"] if cpu_time else []), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1)
    width = max(len(s.split("|")[0]) for s in shapes)
    header_printed = False
    ratios = []
    for spec in shapes:
        name, batch, m, n, k, ta, tb = spec.split("|")
        ours.stdin.write(spec + "\n")
        ours.stdin.flush()
        reply = ours.stdout.readline()
        if not reply:
            sys.exit("GemmHarness stopped: " + ours.stderr.read())
        if not header_printed:
            # the harness prints its configuration on stderr (after the JVM's incubator warning) before timing
            line = ours.stderr.readline()
            while line and not line.startswith("#"):
                line = ours.stderr.readline()
            print(line.rstrip())
            print("%-*s  %12s  %12s  %6s" % (width, "shape", "ours GFLOP/s", "OpenBLAS", "ratio"), flush=True)
            header_printed = True
        mine = float(reply.rstrip("\n").rsplit("|", 1)[1])
        theirs = numpy_gflops(int(batch), int(m), int(n), int(k), ta == "1", tb == "1", runs, clock)
        ratios.append(mine / theirs)
        print("%-*s  %12.1f  %12.1f  %6.2f" % (width, name, mine, theirs, mine / theirs), flush=True)
    ours.stdin.close()
    ours.wait()
    print("min ratio vs OpenBLAS: %.2f" % min(ratios))


if __name__ == "__main__":
    main()
