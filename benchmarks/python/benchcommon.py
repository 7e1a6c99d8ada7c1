"""What the asyncio benchmark scripts share: their command line and how they summarize runs."""
import argparse
import statistics


def arguments(doc):
    """--runs (default 5) and --operations (default 1,000,000), described by the script's doc."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--operations", type=int, default=1_000_000)
    return parser.parse_args()


def summarize(operations, seconds):
    """Rates of each run and their median, in operations per second."""
    rates = [operations / s for s in seconds]
    return {"median_ops_per_s": statistics.median(rates), "ops_per_s": rates}
