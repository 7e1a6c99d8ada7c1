#!/usr/bin/env python3
"""Turns the raw results in benchmarks/results/ into the markdown tables of
docs/PERFORMANCE.md: the median of the measurement iterations of every JMH benchmark (from
"rawData", not JMH's mean), its range, its allocation per operation, and each acceptance
performance target checked against those medians.

The await benchmarks get their own section: await-jmh-RUN.json (one JMH run each,
e.g. await-jmh-jdk25-040efc6.json; the virtual-thread peer is dropped when it ran on a JDK
older than 21, where it measures nothing) and await-python-*.json
(benchmarks/python/await_bench.py).

Usage: python3 benchmarks/report.py [RESULTS_DIR]   (default: benchmarks/results)
The files directly in benchmarks/results/ predate 416b8a0 (a 24-byte Handle, a 40-byte Future),
so the allocation rows come out wrong for them; results/0443f5e/ is the current runtime.
Reads jmh-*.json (JMH -rf json) and python-*.json (benchmarks/python/loop_bench.py).
"""
import glob
import json
import os
import statistics
import sys

# The acceptance targets. Each compares jasyncio's median with a peer's median (JMH key or
# python result name) times a factor.
JMH_TARGETS = [
    ("callSoon from the loop thread >= Netty NioEventLoop.execute from its own thread",
     ("CallSoonBenchmark.callSoon", "jasyncio"), ("CallSoonBenchmark.callSoon", "nettyNio"), 1),
    ("callSoonThreadsafe >= Netty NioEventLoop.execute from a foreign thread",
     ("CallSoonThreadsafeBenchmark.callSoonThreadsafe", "jasyncio"),
     ("CallSoonThreadsafeBenchmark.callSoonThreadsafe", "nettyNio"), 1),
    ("callLater scheduling (random delays) per timer no slower than Netty's schedule",
     ("TimerBenchmark.schedule", "random/jasyncio"), ("TimerBenchmark.schedule", "random/nettyNio"), 1),
]
PYTHON_TARGETS = [
    ("callSoon >= 50x asyncio call_soon",
     ("CallSoonBenchmark.callSoon", "jasyncio"), "call_soon", 50),
    ("1M callLater (random delays) scheduled and fired >= 5x faster than asyncio",
     ("TimerBenchmark.scheduleAndFire", "random/jasyncio"), "call_later_random_schedule_and_fire", 5),
]
HANDLE_BYTES = 16  # a Handle: 12-byte header, one reference (24 B before 416b8a0: a second reference and a boolean)

# The await benchmarks. Object sizes with compressed oops and class pointers (the default on both JDKs
# here, a heap under 32 GB), as JOL prints them: a Future (header, a byte, four references;
# 40 B, with six, before e4a6cd4; the runs in results/ itself are from then),
# an Integer (header, an int), one frame of AwaitChainBenchmark.chain (CoroutineFrame's three
# references and a byte, the label and the int parameter).
FUTURE_BYTES = 32
INTEGER_BYTES = 16
CHAIN_FRAME_BYTES = 40
CHAIN_DEPTH = 1000
AWAITS_PER_SECOND_TARGET = 20e6
AWAIT_PEERS = ["kotlinRunBlocking", "kotlinSingleThread", "completableFuture", "virtualThread"]


def jmh_results(directory):
    """{(benchmark, params): {"scores": [...], "bytes_per_op": [...]}} from every JMH file."""
    results = {}
    for path in sorted(glob.glob(os.path.join(directory, "jmh-*.json"))):
        with open(path) as f:
            for entry in json.load(f):
                name = ".".join(entry["benchmark"].split(".")[-2:])
                params = "/".join(entry.get("params", {}).values())
                gc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                results[(name, params)] = {
                    "scores": [s for fork in entry["primaryMetric"]["rawData"] for s in fork],
                    "bytes_per_op": [s for fork in gc["rawData"] for s in fork] if gc else None,
                    "file": os.path.basename(path),
                }
    return results


def python_results(directory):
    """[(file name, parsed JSON)] for every loop_bench.py output (one per interpreter)."""
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, "python-*.json"))):
        with open(path) as f:
            runs.append((os.path.basename(path), json.load(f)))
    return runs


def rate(ops_per_s):
    return f"{ops_per_s / 1e6:.2f}M/s"


def chains(per_s):
    """Chains of CHAIN_DEPTH awaits per second, and the awaits (levels) per second they make."""
    return f"{per_s / 1e3:.1f}K chains/s ({per_s * CHAIN_DEPTH / 1e6:.0f}M levels/s)"


def jmh_tables(results):
    lines = []
    for name in dict.fromkeys(name for name, _ in results):
        rows = {params: r for (n, params), r in results.items() if n == name}
        # jasyncio's median for the same other parameters (e.g. the same delays), by prefix
        baselines = {p[:-len("jasyncio")]: statistics.median(r["scores"])
                     for p, r in rows.items() if p.endswith("jasyncio")}
        lines += [f"### {name} ({next(iter(rows.values()))['file']})", "",
                  "| params | median | min - max | iterations | jasyncio / this | B/op (median) |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for params, r in rows.items():
            median = statistics.median(r["scores"])
            baseline = baselines.get(params[:len(params) - len(params.split("/")[-1])])
            ratio = f"{baseline / median:.2f}x" if baseline else "-"
            alloc = f"{statistics.median(r['bytes_per_op']):.1f}" if r["bytes_per_op"] else "-"
            lines.append(f"| {params} | {rate(median)} | {rate(min(r['scores']))} - "
                         f"{rate(max(r['scores']))} | {len(r['scores'])} | {ratio} | {alloc} |")
        lines.append("")
    return lines


def python_tables(runs):
    lines = []
    for file, run in runs:
        lines += [f"### asyncio: {run['implementation']} {run['python']} ({run['executable']}, "
                  f"{run['event_loop']}; {file})", "",
                  f"| workload | median of {run['runs']} | min - max |", "| --- | ---: | ---: |"]
        for name, r in run["results"].items():
            lines.append(f"| {name} | {rate(r['median_ops_per_s'])} | "
                         f"{rate(min(r['ops_per_s']))} - {rate(max(r['ops_per_s']))} |")
        lines.append("")
    return lines


def verdict(ratio, factor):
    if ratio >= factor:
        return f"**met** (needs {factor}x)"
    return f"**NOT met** (needs {factor}x, {1 - ratio / factor:.0%} short)"


def target_table(results, runs):
    def median(key):
        return statistics.median(results[key]["scores"]) if key in results else None

    lines = ["| target | jasyncio | peer | ratio | verdict |", "| --- | ---: | ---: | ---: | --- |"]
    for text, mine, theirs, factor in JMH_TARGETS:
        a, b = median(mine), median(theirs)
        if a and b:
            lines.append(f"| {text} | {rate(a)} | {rate(b)} | {a / b:.2f}x | {verdict(a / b, factor)} |")
    for text, mine, python_name, factor in PYTHON_TARGETS:
        # against the fastest interpreter measured for this workload: the harder comparison
        fastest = max((run for _, run in runs), default=None,
                      key=lambda run: run["results"][python_name]["median_ops_per_s"])
        a = median(mine)
        if a and fastest:
            b = fastest["results"][python_name]["median_ops_per_s"]
            lines.append(f"| {text} (asyncio on {fastest['python']}) | {rate(a)} | {rate(b)} | "
                         f"{a / b:.1f}x | {verdict(a / b, factor)} |")
    alloc = results.get(("CallSoonBenchmark.callSoon", "jasyncio"), {}).get("bytes_per_op")
    if alloc:
        b = statistics.median(alloc)
        ok = b <= HANDLE_BYTES + 0.5
        lines.append(f"| no allocation beyond the {HANDLE_BYTES}-byte Handle per callSoon | {b:.2f} B/op | "
                     f"- | - | **{'met' if ok else 'NOT met'}** |")
    return lines


def await_results(directory):
    """{run: {(benchmark, params): {"scores", "bytes_per_op", "jdk", "file"}}}, one run per file."""
    runs = {}
    for path in sorted(glob.glob(os.path.join(directory, "await-jmh-*.json"))):
        run = os.path.basename(path)[len("await-jmh-"):-len(".json")]
        with open(path) as f:
            for entry in json.load(f):
                major = int(entry["jdkVersion"].split(".")[0])
                name = ".".join(entry["benchmark"].split(".")[-2:])
                if name.endswith(".virtualThread") and major < 21:
                    continue  # skipped there: it measured nothing
                params = "/".join(f"{k}={v}" for k, v in entry.get("params", {}).items())
                gc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                runs.setdefault(run, {})[(name, params)] = {
                    "scores": [s for fork in entry["primaryMetric"]["rawData"] for s in fork],
                    "bytes_per_op": [s for fork in gc["rawData"] for s in fork] if gc else None,
                    "jdk": entry["jdkVersion"],
                    "file": os.path.basename(path),
                }
    return runs


def await_python(directory):
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, "await-python-*.json"))):
        with open(path) as f:
            runs.append((os.path.basename(path), json.load(f)))
    return runs


def await_tables(by_run):
    lines = []
    for run, results in sorted(by_run.items(), reverse=True):
        first = next(iter(results.values()))
        lines += [f"### {run}: JDK {first['jdk']} ({first['file']})", "",
                  "| benchmark | params | median | min - max | iterations | B/op (median) |",
                  "| --- | --- | ---: | ---: | ---: | ---: |"]
        for (name, params), r in results.items():
            alloc = f"{statistics.median(r['bytes_per_op']):.3f}" if r["bytes_per_op"] else "-"
            unit = chains if name.startswith("AwaitChainBenchmark") else rate
            lines.append(f"| {name} | {params or '-'} | {unit(statistics.median(r['scores']))} | "
                         f"{unit(min(r['scores']))} - {unit(max(r['scores']))} | {len(r['scores'])} | {alloc} |")
        lines.append("")
    return lines


def await_python_tables(runs):
    lines = []
    for file, run in runs:
        lines += [f"### asyncio: {run['implementation']} {run['python']} ({run['executable']}; {file})", "",
                  f"| workload | median of {run['runs']} | min - max |", "| --- | ---: | ---: |"]
        for name, r in run["results"].items():
            unit = chains if name == "await_chain" else rate
            lines.append(f"| {name} | {unit(r['median_ops_per_s'])} | "
                         f"{unit(min(r['ops_per_s']))} - {unit(max(r['ops_per_s']))} |")
        lines.append("")
    return lines


def await_targets(by_run, runs):
    lines = ["| run | target | jasyncio | peer | ratio | verdict |", "| --- | --- | ---: | ---: | ---: | --- |"]

    def get(results, name, params=""):
        r = results.get((name, params))
        if not r:
            return None, None
        return statistics.median(r["scores"]), (statistics.median(r["bytes_per_op"]) if r["bytes_per_op"] else None)

    for run_name, results in sorted(by_run.items(), reverse=True):
        for params in sorted({p for n, p in results if n == "AwaitDoneBenchmark.jasyncio"}):
            mine, alloc = get(results, "AwaitDoneBenchmark.jasyncio", params)
            theirs, _ = get(results, "AwaitDoneBenchmark.completableFutureGetNow", params)
            if alloc is not None:
                lines.append(f"| {run_name} | (a) await on a done future ({params}): 0 B/op | {alloc:.4f} B/op | | | "
                             f"**{'met' if alloc < 0.01 else 'NOT met'}** |")
            if mine and theirs:
                ratio = mine / theirs
                lines.append(f"| {run_name} | (a) ... within 2x of CompletableFuture.getNow ({params}) | {rate(mine)} | "
                             f"{rate(theirs)} | {ratio:.2f}x | {verdict(ratio, 0.5)} |")
        mine, alloc = get(results, "AwaitPendingBenchmark.jasyncio")
        if mine:
            ratio = mine / AWAITS_PER_SECOND_TARGET
            lines.append(f"| {run_name} | (b) await a pending future completed by a loop callback: >= 20M awaits/s | "
                         f"{rate(mine)} | 20.00M/s | {ratio:.2f}x | {verdict(ratio, 1)} |")
            for peer in AWAIT_PEERS:
                theirs, _ = get(results, f"AwaitPendingBenchmark.{peer}")
                if theirs:
                    lines.append(f"| {run_name} | (b) beside {peer} (same run) | {rate(mine)} | {rate(theirs)} | "
                                 f"{mine / theirs:.2f}x | - |")
            for _, run in runs:
                theirs = run["results"]["await_pending"]["median_ops_per_s"]
                lines.append(f"| {run_name} | (b) beside asyncio {run['python']} | {rate(mine)} | {rate(theirs)} | "
                             f"{mine / theirs:.0f}x | - |")
        if alloc is not None:
            limit = FUTURE_BYTES + HANDLE_BYTES + INTEGER_BYTES
            lines.append(f"| {run_name} | (b) at most one allocation per await beyond the future (and the workload's "
                         f"Integer): <= {FUTURE_BYTES} + {HANDLE_BYTES} + {INTEGER_BYTES} B | {alloc:.3f} B/op | | | "
                         f"**{'met' if alloc <= limit + 0.5 else 'NOT met'}** |")
        mine, alloc = get(results, "AwaitChainBenchmark.jasyncio")
        if alloc is not None:
            limit = CHAIN_DEPTH * CHAIN_FRAME_BYTES
            lines.append(f"| {run_name} | (c) {CHAIN_DEPTH}-deep chain without suspending: one {CHAIN_FRAME_BYTES}-byte "
                         f"frame per level, nothing else (<= {limit} B/chain) | {alloc:.1f} B/chain = "
                         f"{alloc / CHAIN_DEPTH:.2f} B/level; {chains(mine)} | | | "
                         f"**{'met' if alloc <= limit + 0.5 else 'NOT met'}** |")
    return lines


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "results")
    results, runs = jmh_results(directory), python_results(directory)
    lines = ["## Targets", ""] + target_table(results, runs) + ["", "## JMH", ""] + jmh_tables(results)
    if runs:
        lines += ["## asyncio", ""] + python_tables(runs)
    by_run, await_runs = await_results(directory), await_python(directory)
    if by_run:
        lines += ["## Await", "", "### Targets", ""] + await_targets(by_run, await_runs) + [""]
        lines += await_tables(by_run)
        lines += await_python_tables(await_runs)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
