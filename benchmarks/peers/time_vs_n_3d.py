#!/usr/bin/python3
"""Peer timings for the time-against-N plots (`./geomloss bench-plot`), as CSV files.

The problems of SamplesLossBenchmark and OtSolveBenchmark (benchmarks/src), in the peers:

  GeomLoss   SamplesLoss("sinkhorn", p=2, blur=0.05, scaling=0.5, diameter=1) and
             SamplesLoss("energy"), backend "tensorized" (the only one without KeOps), float32 on
             the CPU; value and the gradients with respect to x, y, a and b (what
             SamplesLoss.valueAndGradients computes).  -> loss,backend,n rows.
  POT        ot.sinkhorn(a, b, M, reg, method="sinkhorn_log", stopThr=1e-6) with M = |x-y|^2 and
             reg = 2 blur^2 (the cost and temperature of OT.solveSample), float64, then the value
             <P, M>.  -> precision,n rows.

Data: N = M points uniform on two spheres of diameter 1 in 3D, the second shifted by 0.2 along x,
random positive weights normalised to 1 (the same distribution as the Java benchmarks; not the
same draws). Times: one warm-up call, then the median of --repeat calls, in seconds. Run with
OMP_NUM_THREADS set to the cores the JVM side had, and MALLOC_MMAP_MAX_=0
MALLOC_TRIM_THRESHOLD_=100000000000 (PyTorch otherwise returns every large temporary to the system).

Usage: PYTHONPATH=<geomloss>/src time_vs_n_3d.py --samplesloss-n 1000,3000 --ot-n 300,1000 \
           --out-samplesloss S.csv --out-ot O.csv
"""
import argparse
import statistics
import time

import numpy as np


def spheres(n, seed):
    rng = np.random.default_rng(seed)
    clouds = []
    for shift in (0.0, 0.2):
        g = rng.normal(size=(n, 3))
        points = g / (2 * np.linalg.norm(g, axis=1, keepdims=True))
        points[:, 0] += shift
        weights = np.abs(rng.normal(size=n)) + 1e-3
        clouds.append((points, weights / weights.sum()))
    return clouds


def median_time(function, repeat):
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def geomloss_rows(sizes, repeat):
    import torch
    from geomloss import SamplesLoss
    rows = []
    for n in sizes:
        (x, a), (y, b) = spheres(n, n)
        tensors = [torch.tensor(v, dtype=torch.float32, requires_grad=True) for v in (a, x, b, y)]
        for loss in ("sinkhorn", "energy"):
            options = dict(p=2, blur=0.05, scaling=0.5, diameter=1.0) if loss == "sinkhorn" else {}
            samples_loss = SamplesLoss(loss, backend="tensorized", **options)

            def call():
                value = samples_loss(*tensors)
                torch.autograd.grad(value, tensors)
                return value.item()

            rows.append(("GeomLoss", "tensorized", loss, n, median_time(call, repeat)))
            print(rows[-1], flush=True)
    return rows


def pot_rows(sizes, repeat, blur):
    import ot
    rows = []
    for n in sizes:
        (x, a), (y, b) = spheres(n, n)

        def call():
            cost = ot.dist(x, y, metric="sqeuclidean")
            plan = ot.sinkhorn(a, b, cost, 2 * blur * blur, method="sinkhorn_log", stopThr=1e-6,
                               numItermax=100000)
            return float(np.sum(plan * cost))

        rows.append(("POT", "float64", n, median_time(call, repeat)))
        print(rows[-1], flush=True)
    return rows


def write(path, header, rows):
    with open(path, "w") as out:
        out.write(header + "\n")
        for row in rows:
            out.write(",".join(str(v) for v in row) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samplesloss-n", default="1000,3000")
    parser.add_argument("--ot-n", default="300,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out-samplesloss", required=True)
    parser.add_argument("--out-ot", required=True)
    args = parser.parse_args()
    sizes = [int(v) for v in args.samplesloss_n.split(",") if v]
    write(args.out_samplesloss, "tool,backend,loss,n,seconds", geomloss_rows(sizes, args.repeat))
    ot_sizes = [int(v) for v in args.ot_n.split(",") if v]
    write(args.out_ot, "tool,precision,n,seconds", pot_rows(ot_sizes, args.repeat, 0.05))


if __name__ == "__main__":
    main()
