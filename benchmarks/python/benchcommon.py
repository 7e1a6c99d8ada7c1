"""What the asyncio benchmark scripts share: their command line and how they summarize runs."""
import argparse
import asyncio
import json
import platform
import statistics
import sys


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


def report(results, **details):
    """Prints the interpreter, its event loop, the run's details and the results, as JSON."""
    probe = asyncio.new_event_loop()
    loop_class = type(probe).__name__
    probe.close()
    json.dump({
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "event_loop": loop_class,
        **details,
        "results": results,
    }, sys.stdout, indent=2)
    print()
