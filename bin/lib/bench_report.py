#!/usr/bin/env python3
"""bin/bench report: the short benchmark set, run one after the other as users run them (the newest sentiment
model promoted), then one table of each figure, its target and its ratio to the reference measured in the same run,
written between the report markers of docs/benchmarks.md. Each benchmark's whole output stays in the run's folder."""
import argparse
import datetime
import os
import pathlib
import re
import socket
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench-report:start -->", "<!-- bench-report:end -->"
# the 1M-post day of the batch and topics runs (the batch benchmark's first day)
DAY = "2026-01-05"
NUMBER = r"([\d,]+(?:\.\d+)?)"


class BenchFailed(Exception):
    pass


def number(pattern, text, what):
    m = re.search(pattern, text)
    if not m:
        raise BenchFailed(f"{what}: no line matching /{pattern}/ in its output")
    return [float(g.replace(",", "")) for g in m.groups()]


class Run:
    def __init__(self, folder, env):
        self.folder = folder
        self.env = env
        self.steps = []
        self.model = None

    def step(self, name, args, env=None):
        """Runs one benchmark command from the repository root; its output goes to <folder>/<name>.log."""
        log = self.folder / f"{name}.log"
        print(f"==> {name}: {' '.join(args)} (log: {log})", flush=True)
        t0 = time.monotonic()
        with open(log, "w") as out:
            code = subprocess.run(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                  env={**self.env, **(env or {})}).returncode
        seconds = time.monotonic() - t0
        shown = " ".join([f"{k}={v}" for k, v in (env or {}).items()] + args)
        self.steps.append((name, shown.replace(str(ROOT) + "/", "").replace(self.env["TRENDWATCH_HOME"], "$TRENDWATCH_HOME"),
                           seconds))
        text = log.read_text(errors="replace")
        if code != 0:
            tail = "\n".join(text.splitlines()[-15:])
            raise BenchFailed(f"{name} exited {code} after {seconds:.0f} s; the end of {log}:\n{tail}")
        return text, seconds


def rows(run, posts_speed, freshness_seconds):
    bench, tw = str(ROOT / "bin" / "bench"), str(ROOT / "bin" / "trendwatch")
    out = []

    text, _ = run.step("jmh", [bench, "jmh", "-t", "1", "-wi", "2", "-i", "3", "-w", "2s", "-r", "3s", "parseAndTokenize"])
    tokenize = number(r"parseAndTokenize\s+thrpt\s+\d+\s+" + NUMBER, text, "jmh")[0]

    text, _ = run.step("sentiment-inference", [bench, "sentiment-inference", "3"])
    folded = number(r"label, folded table \(layers\):\s+median " + NUMBER, text, "sentiment-inference")[0]
    engine = number(r"label, engine forward pass:\s+median " + NUMBER, text, "sentiment-inference")[0]
    out.append(("Labelling, folded model (posts/s per core)", f"{folded:,.0f}", "≥ 50,000",
                f"{folded / engine:.2f} × the engine's forward pass ({engine:,.0f})"))

    text, _ = run.step("write-ceiling", [bench, "write-ceiling", "--rows", "300000", "--passes", "3"])
    ceiling = number(r"write ceiling: median " + NUMBER + " rows/s", text, "write-ceiling")[0]

    text, _ = run.step("speed-throughput", [bench, "speed-throughput", "--posts", str(posts_speed), "--profile"])
    speed, warm = number(r"= " + NUMBER + r" posts/s; without the first \(cold\) batch " + NUMBER, text, "speed-throughput")
    per_post = number(r"Cassandra rows written per post: " + NUMBER, text, "speed-throughput")[0]
    promoted = re.search(r"sentiment model: (\S+), promoted", text)
    if not promoted:
        raise BenchFailed("speed-throughput ran without a sentiment model promoted")
    run.model = promoted.group(1)
    out.append((f"Speed layer, backlog of {posts_speed:,} posts (posts/s; warm batches)", f"{speed:,.0f}; {warm:,.0f}",
                "≥ 22,000 (1M backlog)", f"{speed / (2 * tokenize):.3f} × the parse + tokenize ceiling on 2 cores "
                f"({2 * tokenize:,.0f}); its rows {speed * per_post / ceiling:.2f} × the write ceiling "
                f"({ceiling:,.0f} rows/s, {per_post:.2f} rows per post)"))

    warmup = max(freshness_seconds // 2, 30)
    text, _ = run.step("speed-freshness", [bench, "speed-freshness", "--rate", "5000", "--seconds",
                                           str(freshness_seconds), "--warmup-seconds", str(warmup)])
    p50, p90, p99 = number(r"produce -> readable in Cassandra: p50 " + NUMBER + r" ms, p90 " + NUMBER + r" ms, p99 "
                           + NUMBER + " ms", text, "speed-freshness")
    out.append((f"Freshness at 5,000 posts/s, {freshness_seconds} s, probes after {warmup} s (p50 / p99)",
                f"{p50 / 1000:.1f} s / {p99 / 1000:.1f} s", "p99 ≤ 2 s (900 s run)",
                f"p99 {p99 / 2000:.2f} × the target"))

    master = pathlib.Path(run.env["TRENDWATCH_HOME"]) / "bench" / "report-master-1m"
    text, _ = run.step("batch-recompute", [bench, "batch-recompute", "--posts", "1000000", "--days", "1",
                                           "--dir", str(master), "--keyspace", "tw_bench_report_batch"])
    counting = number(r"spark counting only: " + NUMBER + " s", text, "batch-recompute")[0]
    written = number(r"spark recompute with Cassandra writes: " + NUMBER + " s", text, "batch-recompute")[0]
    duck = number(r"duckdb reference[^:]*: " + NUMBER + " s", text, "batch-recompute")[0]
    out.append(("Batch recompute of 1M posts with writes (s)", f"{written:.1f}", "≤ 20 (10M ≤ 200)",
                f"{written / duck:.2f} × DuckDB's counting ({duck:.1f} s); counting alone {counting:.1f} s = "
                f"{counting / duck:.2f} × DuckDB"))

    _, seconds = run.step("topics", [tw, "batch", "topics", "--day", DAY],
                          env={"TRENDWATCH_MASTER": str(master), "TRENDWATCH_KEYSPACE": "tw_bench_report_topics",
                               "TRENDWATCH_MODELS": str(run.folder / "models")})
    out.append(("Topics of a day of 1M posts, whole command (s)", f"{seconds:.1f}", "≤ 120", ""))

    text, _ = run.step("topics-nmi", [bench, "topics-nmi", "10"])
    nmi, shuffled = number(r"k=10: NMI " + NUMBER + r" \(shuffled labels " + NUMBER, text, "topics-nmi")
    out.append(("Topics against 373 human labels, NMI at k = 10", f"{nmi:.4f}", "≥ 0.20",
                f"{nmi / shuffled:.1f} × the shuffled labels' ({shuffled:.4f})"))

    text, _ = run.step("serving-load", [bench, "serving-load", "--seconds", "15", "--warmup-seconds", "15"])
    for endpoint in ("trends", "series"):
        p50s, p99s = number(endpoint + r": .*?latency p50 " + NUMBER + r" ms, p90 [\d.]+ ms, p99 " + NUMBER, text,
                            "serving-load " + endpoint)
        ok = number(endpoint + r": .*?success " + NUMBER + " %", text, "serving-load " + endpoint)[0]
        out.append((f"API /{endpoint} at 2,000 req/s (p50 / p99; answered)", f"{p50s:.1f} / {p99s:.1f} ms; {ok:.2f} %",
                    "p99 ≤ 10 ms, no errors", f"p99 {p99s / 10:.2f} × the target"))

    # CPU per post of the speed layer, from the flight recording of its run (start to stop, warm-up included)
    machine, layer, rest = number(r"machine " + NUMBER + r" = speed layer " + NUMBER + r" \+ the rest of the machine "
                                  + NUMBER, text, "speed-throughput --profile")
    parse, tok, model, writes, kafka, state, operators, jit, stream, other, native = number(
        r"speed layer: Spark tasks [\d.]+ \(parse " + NUMBER + ", tokenize " + NUMBER + ", model " + NUMBER
        + ", writes " + NUMBER + ", Kafka consumer " + NUMBER + ", state store " + NUMBER + ", Spark's operators "
        + NUMBER + r"\), JIT compilers " + NUMBER + ", streaming driver threads " + NUMBER + ", other Java threads "
        + NUMBER + ", the collector and other native threads " + NUMBER, text, "speed-throughput --profile")
    allowed = 2e6 / 22000
    out.append(("Speed layer CPU per post (µs, profiled): parse + tokenize, model, writes, Spark (operators, Kafka "
                "consumer, state, driver threads), JIT, the rest of its JVM; the rest of the machine (Cassandra, Kafka, "
                "the producer)",
                f"{parse + tok:.1f}, {model:.1f}, {writes:.1f}, {operators + kafka + state + stream:.1f}, {jit:.1f}, "
                f"{other + native:.1f}; {rest:.1f}",
                f"machine {allowed:.1f} at 22,000 posts/s",
                f"machine {machine:.1f} = {machine / allowed:.2f} × what 22,000 posts/s allows; the speed layer's "
                f"JVM {layer:.1f} (a flight recording of the whole run, warm-up included)"))
    return out


def table(out, run, started, commit, model, load):
    lines = [START, "",
             f"`bin/bench report`, {started:%Y-%m-%d %H:%M} UTC, commit {commit}, sentiment model {model} promoted "
             f"in every speed run and labelling in the batch run; the local stack (one Kafka broker, one Cassandra "
             f"node) on the same 2 cores, load average {load[0]:.1f} at the start and {load[1]:.1f} at the end. "
             f"Short versions: a figure here is one run's, its reference from the same run.",
             "", "| figure | measured | target | against the reference of this run |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in out]
    lines += ["", "| step | command | seconds |", "|---|---|---|"]
    lines += [f"| {n} | `{c}` | {s:.0f} |" for n, c, s in run.steps]
    lines += ["", END]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(prog="bin/bench report", description=__doc__)
    p.add_argument("--speed-posts", type=int, default=300_000, help="backlog of the speed run (default: 300000)")
    p.add_argument("--freshness-seconds", type=int, default=240, help="length of the freshness run (default: 240)")
    p.add_argument("--no-write", action="store_true", help="print the table, leave docs/benchmarks.md as it is")
    a = p.parse_args()
    env = dict(os.environ)
    env.setdefault("TRENDWATCH_HOME", str(ROOT / ".trendwatch"))
    models = pathlib.Path(env.get("TRENDWATCH_MODELS") or pathlib.Path(env["TRENDWATCH_HOME"]) / "models")
    trained = sorted(p.parent.name for p in models.glob("sentiment/*/model.json"))
    if not trained:
        sys.exit(f"bin/bench report runs as users run, with the sentiment model promoted: no trained model in {models} "
                 "(bin/trendwatch model train-sentiment, or TRENDWATCH_MODELS pointing at a folder that holds one)")
    for what, variable, default in (("Cassandra", "TRENDWATCH_CASSANDRA", "127.0.0.1:9042"),
                                    ("Kafka", "TRENDWATCH_KAFKA", "127.0.0.1:9092")):
        address = env.get(variable) or default
        host, port = address.split(",")[0].rsplit(":", 1)
        try:
            socket.create_connection((host, int(port)), timeout=3).close()
        except OSError:
            sys.exit(f"bin/bench report needs the stack: {what} does not answer at {host}:{port} "
                     f"(${variable}); start it with bin/trendwatch infra up")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    started = datetime.datetime.now(datetime.timezone.utc)
    folder = pathlib.Path(env["TRENDWATCH_HOME"]) / "bench" / f"report-{started:%Y%m%dT%H%M%S}"
    folder.mkdir(parents=True)
    run = Run(folder, env)
    load_start = os.getloadavg()[0]
    try:
        out = rows(run, a.speed_posts, a.freshness_seconds)
    except BenchFailed as e:
        sys.exit(f"bin/bench report: {e}")
    text = table(out, run, started, commit, run.model or trained[-1], (load_start, os.getloadavg()[0]))
    print(text)
    if not a.no_write:
        doc = DOC.read_text()
        if START in doc and END in doc:
            doc = doc[:doc.index(START)] + text + doc[doc.index(END) + len(END):]
        else:
            raise SystemExit(f"bin/bench report: the markers {START} and {END} are missing in {DOC}")
        DOC.write_text(doc)
        print(f"written to {DOC.relative_to(ROOT)}; the outputs are in {folder}")


if __name__ == "__main__":
    main()
