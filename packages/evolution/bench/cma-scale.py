"""pycma on the problem of bench/cma-scale.ts: sphere from x0 = 1, sigma0 = 0.5, default popsize,
seed 1; seconds per generation (ask + tell) with pycma's lazy eigendecomposition (its default,
lazy_update_gap = 1 / (10 n (c1 + cmu))) and with updatecovwait=0 (decompose every generation).
Run by bench/cma-scale.ts, which sets PYTHONPATH and one BLAS thread; argv[1]: dimensions, comma-separated."""
import sys
import time

import cma
import numpy as np

dims = [int(d) for d in (sys.argv[1] if len(sys.argv) > 1 else "200,1000").split(",")]
print("| n | λ | schedule | generations | seconds / generation | lazy_update_gap |")
print("|---|---|---|---|---|---|")
for n in dims:
    generations = 9 if n >= 1000 else 18
    for label, opts in (("every generation (updatecovwait=0)", {"updatecovwait": 0}), ("lazy (default)", {})):
        es = cma.CMAEvolutionStrategy(n * [1.0], 0.5, dict(seed=1, verbose=-9, **opts))
        t0 = time.perf_counter()
        for _ in range(generations):
            xs = es.ask()
            es.tell(xs, [float(np.dot(x, x)) for x in xs])
        seconds = (time.perf_counter() - t0) / generations
        print(f"| {n} | {es.popsize} | {label} | {generations} | {seconds:.3f} | {es.sm.lazy_update_gap:.3f} |", flush=True)
