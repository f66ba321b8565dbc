#!/usr/bin/python3
"""GeomLoss for Java beside POT on the same point clouds, in one run.

For each size N (= M, dimension 2; x uniform on the unit square, y Gaussian around (0.6, 0.6) with
standard deviation 0.15, both rounded to float32 so that both libraries see the same points) it
solves, in POT 0.8 (Debian's python3-pot) and in this library (./geomloss loss ... --value-only on
the same .npy files):

  divergence  Sinkhorn divergence S_eps = OT_eps(a,b) - OT_eps(a,a)/2 - OT_eps(b,b)/2, p = 2,
              blur 0.05. POT: three ot.sinkhorn(..., method='sinkhorn_log', stopThr=1e-6) solves
              (the loop of ot.bregman.empirical_sinkhorn_divergence, which hard-codes stopThr=1e-9
              and would take minutes here) and the primal value <P, C> + eps KL(P | a x b).
              Ours: SamplesLoss (GeomLoss's annealing, scaling 0.5 (default) and 0.9, on the
              online backend, and once on 'auto', which picks tensorized at these sizes, as
              GeomLoss does), and the ot API (./geomloss ot --debias: annealing, then Sinkhorn
              to a marginal error of 1e-6, as POT).
  raw         OT_eps(a, b) alone (debias=False), same settings; ours also through ./geomloss ot
              in float32 and float64.
  exact       ot.emd2 (network simplex, exact W_2^2 / 2) against our divergence with blur 0.01,
              scaling 0.9 (S_eps -> W as blur -> 0), for N <= --emd-max.

Costs: GeomLoss's C = |x-y|^2 / 2 and eps = blur^2; POT gets M = |x-y|^2 and reg = 2 eps, which
gives the same plans, and its values are halved. Times: the best of --repeat runs inside each
process (ours: inside the JVM, after the first, JIT-compiling run; 'first' and 'process' give the
first run and the whole command with JVM start-up).
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np
import ot

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def clouds(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 2)).astype(np.float32).astype(np.float64)
    y = rng.normal(0.6, 0.15, (n, 2)).astype(np.float32).astype(np.float64)
    return x, y


def best_time(function, repeat):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def pot_entropic_ot(x, y, eps, stop):
    """OT_eps(a, b) with C = |x-y|^2/2, from POT's log-domain Sinkhorn plan."""
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    M = ot.dist(x, y, metric="sqeuclidean")
    P = ot.sinkhorn(a, b, M, 2 * eps, method="sinkhorn_log", stopThr=stop, numItermax=100000)
    positive = P > 0
    kl = np.sum(P[positive] * np.log(P[positive] / np.outer(a, b)[positive])) - P.sum() + 1.0
    return 0.5 * np.sum(P * M) + eps * kl


def pot_divergence(x, y, eps, stop):
    return (pot_entropic_ot(x, y, eps, stop) - 0.5 * pot_entropic_ot(x, x, eps, stop)
            - 0.5 * pot_entropic_ot(y, y, eps, stop))


def pot_emd(x, y):
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    return ot.emd2(a, b, 0.5 * ot.dist(x, y, metric="sqeuclidean"), numItermax=10_000_000)


def ours(xfile, yfile, repeat, subcommand, *options):
    """Runs ./geomloss SUBCOMMAND x y; returns its JSON (the ot value in GeomLoss's units)."""
    timing = ["--value-only"] if subcommand == "loss" else []
    command = [os.path.join(ROOT, "geomloss"), subcommand, xfile, yfile, *timing,
               "--repeat", str(repeat), *options]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(" ".join(command) + " failed:\n" + done.stderr)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    if subcommand == "ot":
        result["value"] = result["value"] / 2  # cost |x-y|^2 there, |x-y|^2/2 here
    result["command"] = " ".join(["./geomloss", subcommand, "x.npy", "y.npy", *timing,
                                  "--repeat", str(repeat), *options])
    return result


def machine():
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java = subprocess.run([os.path.join(ROOT, "geomloss"), "--version"], capture_output=True,
                          text=True).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": model, "cores": os.cpu_count(), "load": os.getloadavg(),
        "os": platform.platform(), "python": platform.python_version(),
        "numpy": np.__version__, "pot": ot.__version__, "tool": java,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,200,500,1000",
                        help="comma-separated N (= M) values (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="POT runs per timing, one beyond N = 500 (default: %(default)s)")
    parser.add_argument("--ours-repeat", type=int, default=10,
                        help="our runs per timing, inside one JVM (default: %(default)s)")
    parser.add_argument("--emd-max", type=int, default=1000,
                        help="largest N for the exact ot.emd2 reference (default: %(default)s)")
    parser.add_argument("--blur", type=float, default=0.05, help="blur (default: %(default)s)")
    parser.add_argument("--out", default=HERE, help="folder of RESULTS.md and the plot")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    eps = args.blur ** 2
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            x, y = clouds(n, seed=n)
            xfile, yfile = os.path.join(folder, "x.npy"), os.path.join(folder, "y.npy")
            np.save(xfile, x)
            np.save(yfile, y)
            blur = str(args.blur)
            online = ["--backend", "online"]
            # ot's blur sigma gives eps = 2 sigma^2 for |x-y|^2: the same plan as SamplesLoss's
            # blur for |x-y|^2/2.
            ot_blur = ["--blur", blur]
            problems = [
                ("divergence", lambda: pot_divergence(x, y, eps, 1e-6),
                 [("auto (tensorized), scaling 0.5", "loss", ["--blur", blur]),
                  ("online, scaling 0.5", "loss", ["--blur", blur, *online]),
                  ("online, scaling 0.9", "loss", ["--blur", blur, "--scaling", "0.9", *online]),
                  ("ot, float32, tol 1e-6", "ot", ot_blur + ["--debias", "--float32"])]),
                ("raw", lambda: pot_entropic_ot(x, y, eps, 1e-6),
                 [("online, scaling 0.5", "loss", ["--blur", blur, "--no-debias", *online]),
                  ("online, scaling 0.9", "loss", ["--blur", blur, "--no-debias", "--scaling",
                                                   "0.9", *online]),
                  ("ot, float32, tol 1e-6", "ot", ot_blur + ["--float32"]),
                  ("ot, float64, tol 1e-6", "ot", ot_blur)]),
            ]
            if n <= args.emd_max:
                problems.append(("exact", lambda: pot_emd(x, y),
                                 [("online, blur 0.01, scaling 0.9", "loss",
                                   ["--blur", "0.01", "--scaling", "0.9", *online])]))
            for name, pot_run, variants in problems:
                pot_seconds, pot_value = best_time(pot_run, args.repeat if n <= 500 else 1)
                for label, subcommand, options in variants:
                    result = ours(xfile, yfile, args.ours_repeat, subcommand, *options)
                    row = {"problem": name, "n": n, "variant": label,
                           "pot_seconds": pot_seconds, "pot_value": float(pot_value),
                           "ours_seconds": result["seconds"],
                           "ours_first": result["seconds_first"],
                           "ours_process": result["process_seconds"],
                           "ours_value": result["value"], "backend": result["backend"],
                           "device": result.get("device", ""), "command": result["command"]}
                    rows.append(row)
                    print(f"{name:10s} N={n:5d} {label:32s} POT {pot_seconds:8.3f} s "
                          f"ours {row['ours_seconds']:8.3f} s  values {row['pot_value']:.6g} "
                          f"{row['ours_value']:.6g}", flush=True)
    info = machine()
    write_results(args, info, rows)


def write_results(args, info, rows):
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as out:
        json.dump({"machine": info, "rows": rows}, out, indent=1)
    plot = plot_times(args.out, rows)
    lines = [
        "# GeomLoss for Java beside POT",
        "",
        f"Generated by `benchmarks/peers/run.sh --sizes {args.sizes} --repeat {args.repeat} "
        f"--ours-repeat {args.ours_repeat} "
        f"--emd-max {args.emd_max} --blur {args.blur}` on {info['date']}.",
        "",
        f"- Machine: {info['cpu']}, {info['cores']} cores visible, load average "
        f"{', '.join(f'{v:.1f}' for v in info['load'])} (shared machine: timings are noisy); "
        f"{info['os']}.",
        f"- Ours: {info['tool']}, kernels `{rows[0]['device'] if rows else '?'}`, launched by "
        "`./geomloss` (JDK 25, `--add-modules jdk.incubator.vector`).",
        f"- POT {info['pot']}, numpy {info['numpy']}, Python {info['python']} (Debian packages, "
        "/usr/bin/python3), float64, numpy's default threading.",
        "- Data: N = M points in 2D, x uniform on the unit square, y Gaussian (mean 0.6, sd 0.15),"
        " rounded to float32; p = 2, cost |x-y|^2/2, eps = blur^2 (POT: M = |x-y|^2, reg = 2 eps,"
        " values halved).",
        "- Times in seconds: best of the repeats inside one process (POT: one run beyond N = 500;"
        f" ours: best of {args.ours_repeat} in one JVM)."
        " *first*: our first run in a "
        "fresh JVM (JIT warm-up); *process*: the whole `./geomloss` command (JVM start-up, reading"
        " the files, all repeats). Ratio = POT time / our best time (> 1: we are faster).",
        "- POT runs log-domain Sinkhorn to a marginal error of 1e-6 (an accurate solve). Our "
        "`SamplesLoss` runs GeomLoss's annealing, a fixed number of iterations set by `scaling` "
        "(the value columns show what each accuracy costs); our `ot` rows also anneal, then "
        "iterate to a marginal error of 1e-6, like POT. POT's divergence time is mostly its self "
        "problems OT(a, a) and OT(b, b), which converge slowly at small eps.",
        "",
    ]
    titles = {
        "divergence": "Sinkhorn divergence S_eps (debiased), blur %s" % args.blur,
        "raw": "Entropic OT_eps(a, b) (debias=False), blur %s" % args.blur,
        "exact": "Exact W_2^2/2 (ot.emd2) against our divergence with blur 0.01",
    }
    for problem in ["divergence", "raw", "exact"]:
        selected = [r for r in rows if r["problem"] == problem]
        if not selected:
            continue
        lines += [f"## {titles[problem]}", "",
                  "| N | ours | POT s | ours s | first s | process s | ratio | POT value | "
                  "our value | rel. diff | backend |",
                  "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in selected:
            diff = abs(r["ours_value"] - r["pot_value"]) / max(abs(r["pot_value"]), 1e-300)
            lines.append(
                f"| {r['n']} | {r['variant']} | {r['pot_seconds']:.3f} | {r['ours_seconds']:.3f} | "
                f"{r['ours_first']:.3f} | {r['ours_process']:.2f} | "
                f"{r['pot_seconds'] / r['ours_seconds']:.2g} | {r['pot_value']:.6g} | "
                f"{r['ours_value']:.6g} | {diff:.1e} | {r['backend']} |")
        lines.append("")
    lines += ["## Commands", "", "Ours, per size and problem (on the same x.npy, y.npy as POT):", ""]
    for command in sorted({r["command"] for r in rows}):
        lines.append(f"    {command}")
    lines.append("")
    if plot:
        lines += [f"![time against N]({plot})", ""]
    lines += ["Raw numbers: `results.json` beside this file.", ""]
    with open(os.path.join(args.out, "RESULTS.md"), "w") as out:
        out.write("\n".join(lines))
    print("wrote", os.path.join(args.out, "RESULTS.md"))


def plot_times(folder, rows):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing (apt-get install -y python3-matplotlib): no plot", file=sys.stderr)
        return None
    figure, axes = plt.subplots(figsize=(10, 5.5))
    colours = {"divergence": "tab:red", "raw": "tab:blue", "exact": "tab:green"}
    for problem, colour in colours.items():
        selected = [r for r in rows if r["problem"] == problem]
        if not selected:
            continue
        sizes = sorted({r["n"] for r in selected})
        pot = [next(r["pot_seconds"] for r in selected if r["n"] == n) for n in sizes]
        axes.loglog(sizes, pot, "--o", color=colour, label=f"POT, {problem}")
        for variant, marker in zip(sorted({r["variant"] for r in selected}), "s^vDxP"):
            ours_times = [r["ours_seconds"] for r in selected if r["variant"] == variant]
            ours_sizes = [r["n"] for r in selected if r["variant"] == variant]
            axes.loglog(ours_sizes, ours_times, "-" + marker, color=colour,
                        label=f"ours, {problem}, {variant}")
    axes.set_xlabel("N = M (points in 2D)")
    axes.set_ylabel("seconds (best of repeats)")
    axes.set_title("GeomLoss for Java beside POT")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    figure.tight_layout()
    name = "time_vs_n.png"
    figure.savefig(os.path.join(folder, name), dpi=110)
    return name


if __name__ == "__main__":
    main()
