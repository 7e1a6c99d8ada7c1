#!/usr/bin/env python3
"""asyncio's side of the await benchmarks, on CPython's default event loop, printed
as JSON, in the shapes of the JMH classes AwaitPendingBenchmark, AwaitDoneBenchmark and
AwaitChainBenchmark:

  await_pending  1,000,000 times: f = loop.create_future(); loop.call_soon(f.set_result, i);
                 total += await f   (one coroutine; workload (b) of the await targets);
  await_done     1,000,000 times: total += await f, f already done (a);
  await_chain    1,000 chains of 1,000 nested coroutine awaits that never suspend (c); the
                 rate is chains per second.

Each runs in one task of a fresh loop (loop.run_until_complete), timed from before the loop
starts until it has stopped; RUNS times, and the median rate is what the report uses.

Usage: python3 benchmarks/python/await_bench.py [--runs 5] [--operations 1000000]
"""
import asyncio
import sys
import time

from benchcommon import arguments, report, summarize

CHAIN_DEPTH = 1000


async def await_pending(n):
    loop = asyncio.get_running_loop()
    total = 0
    for i in range(n):
        f = loop.create_future()
        loop.call_soon(f.set_result, i)
        total += await f
    return total


async def await_done(n):
    f = asyncio.get_running_loop().create_future()
    f.set_result(1)
    total = 0
    for _ in range(n):
        total += await f
    return total


async def chain(depth):
    if depth == 1:
        return 7
    return await chain(depth - 1)


async def await_chain(chains):
    total = 0
    for _ in range(chains):
        total += await chain(CHAIN_DEPTH)
    return total


def timed(coroutine):
    loop = asyncio.new_event_loop()
    try:
        start = time.perf_counter()
        loop.run_until_complete(coroutine)
        return time.perf_counter() - start
    finally:
        loop.close()



def main():
    args = arguments(__doc__)
    n = args.operations
    chains = max(1, n // CHAIN_DEPTH)
    # A 1,000-deep chain of coroutines needs about 3 Python frames per level.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 4 * CHAIN_DEPTH))

    results = {
        "await_pending": summarize(n, [timed(await_pending(n)) for _ in range(args.runs)]),
        "await_done": summarize(n, [timed(await_done(n)) for _ in range(args.runs)]),
        "await_chain": summarize(chains, [timed(await_chain(chains)) for _ in range(args.runs)]),
    }
    report(results, operations=n, chain_depth=CHAIN_DEPTH, chains=chains, runs=args.runs)


if __name__ == "__main__":
    main()
