"""asyncio's side of GeneratorBenchmark: 1,000,000 values through an async generator and
`async for`, median of several runs, as JSON on stdout (values per second)."""
import argparse
import asyncio
import json
import statistics
import sys
import time


async def numbers(n):
    for i in range(n):
        yield i


async def consume(n):
    total = 0
    async for value in numbers(n):
        total += value
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--values", type=int, default=1_000_000)
    args = parser.parse_args()
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        total = asyncio.run(consume(args.values))
        elapsed = time.perf_counter() - start
        assert total == args.values * (args.values - 1) // 2
        rates.append(args.values / elapsed)
    print(json.dumps({"python": sys.version.split()[0], "runs": args.runs,
                      "async_generator_values_per_s": statistics.median(rates)}))


if __name__ == "__main__":
    main()
