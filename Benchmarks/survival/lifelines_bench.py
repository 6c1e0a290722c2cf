#!/usr/bin/env python3
"""lifelines side of the benchmark: `km` (KM per group + medians + log-rank) or `cox`."""
import sys

import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from lifelines.utils import median_survival_times

task, path = sys.argv[1], sys.argv[2]
d = pd.read_csv(path)
if task == "km":
    for g, sub in d.groupby("group"):
        km = KaplanMeierFitter().fit(sub["time"], sub["event"])
        median_survival_times(km.confidence_interval_)
        km.survival_function_
    multivariate_logrank_test(d["time"], d["group"], d["event"])
else:
    CoxPHFitter().fit(d[["time", "event", "x1", "x2", "x3", "x4", "x5"]], "time", "event")
