"""SDMetrics 0.29's single-table QualityReport, restated with pandas, NumPy and SciPy (the operations its source
uses: Series.dropna, Counter-style frequencies with a 1e-6 pseudo-count, ks_2samp on values rounded to 14
decimals, pearsonr on rows without nulls, np.histogram_bin_edges + np.digitize per table, groupby(dropna=False)
with a null as a category,
scipy.stats.contingency.association(method='cramer'), thresholds 0.5 and 0.3).

Used to compute the expected numbers of tests/fixtures/sdmetrics/*.json where the official package cannot be
installed. Usage: python3 reference.py REAL.csv SYNTHETIC.csv METADATA.json  (Doppel metadata, from `doppel inspect`)
"""
import json
import math
import sys
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp, pearsonr
from scipy.stats.contingency import association

CORRELATION_THRESHOLD, ASSOCIATION_THRESHOLD = 0.5, 0.3


def ks_complement(real, synthetic):
    real, synthetic = real.dropna().round(14), synthetic.dropna().round(14)
    if len(real) == 0 or len(synthetic) == 0:
        return math.nan
    return 1 - ks_2samp(real, synthetic).statistic


def tv_complement(real, synthetic):
    real, synthetic = real.dropna(), synthetic.dropna()
    counts_real, counts_synthetic = real.value_counts().to_dict(), synthetic.value_counts().to_dict()
    for value in counts_synthetic:
        if value not in counts_real:
            counts_real[value] = 1e-6
    total_real, total_synthetic = sum(counts_real.values()), sum(counts_synthetic.values())
    return 1 - 0.5 * sum(abs(counts_synthetic.get(v, 0) / total_synthetic - counts_real[v] / total_real) for v in counts_real)


def contingency(real, synthetic, threshold):
    # groupby(dropna=False) makes a null a category of its own; the null is written as a sentinel first because
    # pandas 1.5's MultiIndex.union duplicates index entries holding NaN (fixed in pandas 2), which would
    # double-count null cells. With pandas 2 both forms give the same numbers.
    real, synthetic = real.fillna('\0null'), synthetic.fillna('\0null')
    columns = list(real.columns)
    counts = real.groupby(columns, dropna=False).size()
    strength = math.nan
    if threshold > 0:
        table = counts.unstack(fill_value=0)
        if table.to_numpy().sum() == 0 or min(table.shape) < 2:
            return math.nan, strength
        strength = association(table.values, method='cramer')
        if strength <= threshold:
            return math.nan, strength
    p_real = counts / len(real)
    p_synthetic = synthetic.groupby(columns, dropna=False).size() / len(synthetic)
    index = p_real.index.union(p_synthetic.index, sort=False)
    difference = (p_real.reindex(index, fill_value=0) - p_synthetic.reindex(index, fill_value=0)).abs().fillna(0)
    return 1 - (difference / 2).sum(), strength


def correlation(real, synthetic, threshold):
    if (real.nunique() == 1).any() or (synthetic.nunique() == 1).any():
        return math.nan, math.nan
    real, synthetic = real.dropna(), synthetic.dropna()
    r_real = pearsonr(real.iloc[:, 0], real.iloc[:, 1])[0]
    r_synthetic = pearsonr(synthetic.iloc[:, 0], synthetic.iloc[:, 1])[0]
    if math.isnan(r_real) or math.isnan(r_synthetic):
        return math.nan, r_real
    if threshold > 0 and abs(r_real) <= threshold:
        return math.nan, r_real
    return 1 - abs(r_real - r_synthetic) / 2, r_real


def load(path, types):
    frame = pd.read_csv(path, dtype={c: str for c, t in types.items() if t != 'numerical'}, keep_default_na=False, na_values=[''])
    for c, t in types.items():
        if t == 'datetime':
            frame[c] = pd.to_numeric(pd.to_datetime(frame[c])).astype(float).where(frame[c].notna())
    return frame


def report(real, synthetic, types):
    continuous = {c for c, t in types.items() if t in ('numerical', 'datetime')}
    shapes = {c: (ks_complement if c in continuous else tv_complement)(real[c], synthetic[c]) for c in types}
    binned = {name: {c: pd.Series(np.digitize(t[c], np.histogram_bin_edges(t[c].dropna())), index=t.index) for c in continuous}
              for name, t in (('real', real), ('synthetic', synthetic))}
    pairs = []
    for a, b in combinations(list(types), 2):
        if (a in continuous) and (b in continuous):
            counted_score, r = correlation(real[[a, b]], synthetic[[a, b]], CORRELATION_THRESHOLD)
            all_score, _ = correlation(real[[a, b]], synthetic[[a, b]], 0)
            counted = not math.isnan(r) and abs(r) > CORRELATION_THRESHOLD
        else:
            def pick(name, table, c):
                return binned[name][c] if c in continuous and not ((a in continuous) and (b in continuous)) else table[c]
            r2 = pd.concat([pick('real', real, a), pick('real', real, b)], axis=1, keys=[a, b])
            s2 = pd.concat([pick('synthetic', synthetic, a), pick('synthetic', synthetic, b)], axis=1, keys=[a, b])
            counted_score, v = contingency(r2, s2, ASSOCIATION_THRESHOLD)
            all_score, _ = contingency(r2, s2, 0)
            counted = not math.isnan(v) and v > ASSOCIATION_THRESHOLD
        pairs.append({'a': a, 'b': b, 'score': float(all_score), 'counted': bool(counted)})
    column_shapes = float(np.nanmean(list(shapes.values())))
    counted_scores = [p['score'] for p in pairs if p['counted'] and not math.isnan(p['score'])]
    trends = float(np.mean(counted_scores)) if counted_scores else math.nan
    trends_all = float(np.nanmean([p['score'] for p in pairs]))
    return {
        'columnShapes': column_shapes, 'columnPairTrends': trends, 'overall': float(np.nanmean([column_shapes, trends])),
        'columnPairTrendsAllPairs': trends_all, 'overallAllPairs': (column_shapes + trends_all) / 2,
        'columns': {c: float(s) for c, s in shapes.items()},
        'pairs': [{k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in p.items()} for p in pairs],
    }


if __name__ == '__main__':
    meta = json.load(open(sys.argv[3]))['tables'][0]['columns']
    types = {c['name']: c['type'] for c in meta if c['type'] in ('numerical', 'datetime', 'categorical', 'boolean')}
    real, synthetic = load(sys.argv[1], types), load(sys.argv[2], types)
    print(json.dumps(report(real, synthetic, types), indent=1, allow_nan=True))
