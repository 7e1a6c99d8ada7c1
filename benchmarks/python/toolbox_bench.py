"""The tasks, locks and queues workloads on asyncio, the same as ToolboxHarness.java; prints JSON medians.

sleepers: 100,000 tasks that each sleep 1 s, gathered: wall time, and memory retained per
task while they sleep (tracemalloc's traced size; it counts Python objects only).
lock: 1,000 tasks contend for one Lock, 100 acquisitions each, yielding while holding it.
queue: one producer puts 1,000,000 items into a Queue(maxsize=100), one consumer gets them.
A first round is reported apart as cold_*, as ToolboxHarness does (there it warms the JVM up;
CPython has no JIT, so here it only keeps the two protocols the same), then medians of runs.
Usage: python3 toolbox_bench.py [runs]
"""
import asyncio
import json
import statistics
import sys
import time
import tracemalloc

SLEEPERS = 100_000
CONTENDERS = 1_000
ACQUISITIONS = 100
ITEMS = 1_000_000


async def sleeper():
    await asyncio.sleep(1)


async def sleepers():
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(sleeper()) for _ in range(SLEEPERS)]
    await asyncio.sleep(0.5)
    per_task = (tracemalloc.get_traced_memory()[0] - baseline) / SLEEPERS
    tracemalloc.stop()
    await asyncio.gather(*tasks)
    return per_task


async def contender(lock):
    for _ in range(ACQUISITIONS):
        async with lock:
            await asyncio.sleep(0)


async def lock_contention():
    lock = asyncio.Lock()
    await asyncio.gather(*(contender(lock) for _ in range(CONTENDERS)))


async def producer(queue):
    for i in range(ITEMS):
        await queue.put(i)


async def consumer(queue):
    total = 0
    for _ in range(ITEMS):
        total += await queue.get()
    return total


async def producer_consumer():
    queue = asyncio.Queue(maxsize=100)
    producing = asyncio.create_task(producer(queue))
    total = await consumer(queue)
    await producing
    return total


FIGURES = ["sleepers_wall_s", "sleepers_bytes_per_task", "lock_acquisitions_per_s", "queue_items_per_s"]


def one_round():
    """One run of the three workloads, its figures in the order of FIGURES."""
    start = time.perf_counter()
    per_task = asyncio.run(sleepers())
    wall = time.perf_counter() - start
    start = time.perf_counter()
    asyncio.run(lock_contention())
    lock_rate = CONTENDERS * ACQUISITIONS / (time.perf_counter() - start)
    start = time.perf_counter()
    total = asyncio.run(producer_consumer())
    queue_rate = ITEMS / (time.perf_counter() - start)
    assert total == ITEMS * (ITEMS - 1) // 2
    return [wall, per_task, lock_rate, queue_rate]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    cold = one_round()
    measured = [one_round() for _ in range(runs)]
    report = {"python": sys.version.split()[0], "runs": runs}
    for i, name in enumerate(FIGURES):
        report[name] = statistics.median(r[i] for r in measured)
    for i, name in enumerate(FIGURES):
        report["cold_" + name] = cold[i]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
