#!/usr/bin/env python3
"""asyncio's side of the jasyncio benchmarks: the same workloads as the JMH classes, on
CPython's default event loop, printed as JSON.

Each workload starts from a callback already running on the loop, as in the Java benchmarks:
  call_soon     1,000,000 loop.call_soon(noop), then all of them run;
  call_later    1,000,000 loop.call_later(delay, noop), then one more at the largest delay,
                which fires last; "schedule" is the time until they are all scheduled,
                "schedule_and_fire" the time until the last one has fired, on the real clock.
                Delays are uniform in [0, 0.1] s ("random") or all 0 ("zero").
Each is run RUNS times on a fresh loop; the median rate is what the report uses.

Usage: python3 benchmarks/python/loop_bench.py [--runs 5] [--operations 1000000]
"""
import asyncio
import random
import sys
import time

from benchcommon import arguments, report, summarize

MAX_DELAY = 0.1


def noop():
    pass


def run_burst(burst):
    """Runs burst() as the first callback of a fresh loop until it stops; returns the seconds
    from just before the loop starts until it has stopped."""
    loop = asyncio.new_event_loop()
    try:
        start = time.perf_counter()
        loop.call_soon(burst, loop)
        loop.run_forever()
        return time.perf_counter() - start
    finally:
        loop.close()


def call_soon(operations):
    def burst(loop):
        for _ in range(operations):
            loop.call_soon(noop)
        loop.call_soon(loop.stop)

    return {"seconds": run_burst(burst)}


def call_later(delays):
    scheduled = {}

    def burst(loop):
        start = time.perf_counter()
        for delay in delays:
            loop.call_later(delay, noop)
        loop.call_later(max(delays), loop.stop)
        scheduled["seconds"] = time.perf_counter() - start

    total = run_burst(burst)
    return {"schedule": scheduled["seconds"], "schedule_and_fire": total}



def main():
    args = arguments(__doc__)
    n = args.operations

    # The same seed every time, as the JMH benchmark does (the values differ from Java's).
    rng = random.Random(42)
    delay_sets = {"random": [rng.uniform(0, MAX_DELAY) for _ in range(n)], "zero": [0.0] * n}

    results = {"call_soon": summarize(n, [call_soon(n)["seconds"] for _ in range(args.runs)])}
    for name, delays in delay_sets.items():
        runs = [call_later(delays) for _ in range(args.runs)]
        for phase in ("schedule", "schedule_and_fire"):
            results[f"call_later_{name}_{phase}"] = summarize(n, [r[phase] for r in runs])

    report(results, operations=n, runs=args.runs)


if __name__ == "__main__":
    main()
