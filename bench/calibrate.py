"""Print the reference-date figures of the synthetic council for several seeds.

Usage: python bench/calibrate.py [SEEDS...]   (targets: CIN 2,500, CP 310, CLA 430)
"""

import sys

from sightline.generator import CouncilSpec, generate
from sightline.generator.summary import summarise

TARGETS = {"children_in_need": 2_500, "cp_plans": 310, "looked_after": 430}

if __name__ == "__main__":
    seeds = [int(s) for s in sys.argv[1:]] or [1, 2, 3]
    for seed in seeds:
        summary = summarise(generate(CouncilSpec(seed=seed)))
        ratios = "  ".join(f"{k}={summary[k]} ({summary[k] / v:.2f})" for k, v in TARGETS.items())
        months = f"contacts/month {summary['contacts_min_month']}-{summary['contacts_max_month']}"
        print(f"seed {seed}: {ratios}  {months}")
