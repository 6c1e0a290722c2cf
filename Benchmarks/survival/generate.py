#!/usr/bin/env python3
"""Writes a synthetic survival CSV: time, event, group, x1..x5 (seeded, reproducible).

Usage: generate.py ROWS OUT.csv
Times are whole days (so there are many ties, as in real follow-up data), hazards depend on
group and covariates, about 30% of subjects are censored.
"""
import math
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20240611 + rows)
beta = [0.3, -0.2, 0.1, 0.0, 0.05]
with open(out, "w") as f:
    f.write("time,event,group,x1,x2,x3,x4,x5\n")
    for _ in range(rows):
        g = rng.choice("ABC")
        x = [rng.gauss(0, 1) for _ in range(5)]
        lp = sum(b * v for b, v in zip(beta, x)) + {"A": 0.0, "B": 0.2, "C": -0.3}[g]
        t_event = rng.expovariate(math.exp(lp) / 365.0)
        t_censor = rng.uniform(0, 1500)
        t = min(t_event, t_censor)
        f.write("%d,%d,%s,%s\n" % (max(1, math.ceil(t)), int(t_event <= t_censor), g,
                                    ",".join("%.4f" % v for v in x)))
