"""Side-by-side benchmark: the extension's book against the same content as plain MyST pages.

    python benchmarks/run.py --sizes 100 1000 5000

For each size N it generates a conference (benchmarks/generate.py), writes the same content as plain
MyST pages (benchmarks/plain_myst.py), and measures, each in a fresh ``sphinx-build`` process:

* full HTML build wall time and peak RSS at ``-j 1`` and ``-j auto``, for (a) the extension and
  (b) plain Sphinx with the same theme, and the ratio a/b;
* ``proceedings check`` and ``proceedings bib`` wall time (bib is skipped when the subcommand is missing);
* a no-op rebuild and a rebuild after editing one contribution's title in contributions.yaml
  (for plain Sphinx: after rewriting the pages whose text changed), with the documents re-read,
  taken from sphinx-build's own "N added, M changed, K removed" line;
* the LaTeX build at N = 1000 when ``latexmk`` is installed;
* ``--rtd-size N``: Read the Docs' sequence on one fresh project (html, then latex and latexmk in the
  latex folder, then epub, all on one doctree folder), each step's wall, CPU and peak RSS and the
  total against Read the Docs' limits of 900 s and 3 GB;
* ``--growth N1 N2``: the growth exponent of the extension's full HTML CPU time,
  log(cpu2 / cpu1) / log(N2 / N1).

Peak RSS is ``ru_maxrss`` from ``os.wait4`` on the sphinx-build process: the largest single process
(with ``-j auto`` the forked readers/writers are counted one at a time, not summed). CPU time is the
process's user + system time with the children it waited for: on a shared machine it moves much less
with other load than wall time does, so its ratio is the steadier measure of the extension's overhead.
``--profile N`` also runs the extension's ``-j 1`` build at size N under cProfile and summarises it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write_project
from plain_myst import write_plain

PYTHON = sys.executable
UPDATED = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")


@dataclass
class Run:
    """One measured process."""

    seconds: float
    cpu_seconds: float  # user + system time of the process and its children: less sensitive to other load
    max_rss_mb: float
    returncode: int
    reread: int | None = None  # documents added + changed, as sphinx-build reports them
    warnings: int = 0
    output: str = field(default="", repr=False)


# As Read the Docs (and `proceedings build --pdf`) run it.
LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode"]
# Read the Docs' community plan: one build of all formats within these.
RTD_SECONDS, RTD_MEMORY_MB = 900, 3 * 1024
RTD_STEPS = ("html", "latex", "latexmk", "epub")


def measure(cmd: Sequence[str], cwd: Path | None = None) -> Run:
    """Run ``cmd``; wall time, the peak RSS of its largest process, its output."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    found = UPDATED.search(text)
    reread = int(found.group(1)) + int(found.group(2)) if found else None
    warnings = sum(1 for line in text.splitlines() if WARNING.search(line))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        round(seconds, 2), round(cpu, 2), round(usage.ru_maxrss / 1024, 1), proc.returncode, reread, warnings, text
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env["NO_COLOR"] = "1"
    return env


def sphinx_build(project: Path, jobs: str = "1", builder: str = "html", prefix: Sequence[str] = ()) -> Run:
    """An (incremental, if an earlier build is there) sphinx-build of ``project``."""
    build = project / "_build"
    cmd = [PYTHON, *prefix, "-m", "sphinx", "-b", builder, "-j", jobs, "-d", str(build / "doctrees")]
    return measure([*cmd, str(project), str(build / builder)])


def clean(project: Path) -> None:
    """Forget earlier builds: the build folder and, for the extension, its generated sources."""
    shutil.rmtree(project / "_build", ignore_errors=True)
    if "sphinx_proceedings" in (project / "conf.py").read_text(encoding="utf-8"):
        shutil.rmtree(project / "_proceedings", ignore_errors=True)


def edit_contribution_title(project: Path, suffix: str = " (revised)") -> str:
    """Append ``suffix`` to the title of a contributed talk in the middle of the programme; its id."""
    path = next((project / "data").glob("*/contributions.yaml"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    talks = [i for i, line in enumerate(lines) if line.strip() == "kind: contributed-talk"]
    if not talks:
        talks = [i for i, line in enumerate(lines) if line.startswith("  kind: ")]
    at = talks[len(talks) // 2]
    cid = lines[at - 1].split("id:", 1)[1].strip()
    title_at = next(i for i in range(at, len(lines)) if lines[i].startswith("  title: "))
    import yaml

    title = yaml.safe_load(lines[title_at].split(":", 1)[1])
    lines[title_at] = f"  title: {json.dumps(title + suffix, ensure_ascii=False)}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return str(cid)


def benchmark_size(size: int, seed: int, work: Path, jobs: Sequence[str], latex: bool) -> dict[str, object]:
    root = work / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    ext, plain = root / "extension", root / "plain"
    t0 = time.perf_counter()
    write_project(ext, size, seed)
    generated = time.perf_counter() - t0
    write_plain(ext, plain)
    result: dict[str, object] = {"size": size, "seed": seed, "generate_s": round(generated, 2)}
    log = lambda what: print(f"[N={size}] {what}", file=sys.stderr, flush=True)  # noqa: E731

    # Cold: no cache of parsed files yet (a fresh checkout); warm: run again on unchanged data
    # (answered from the record of the first run); after the title edit below: the parse cache
    # holds every file but the edited one, and the data is validated again.
    def check_and_bib(state: str) -> None:
        for command in ("check", "bib"):
            run = measure([PYTHON, "-m", "sphinx_proceedings.cli.main", command, str(ext)])
            result[command if state == "cold" else f"{command}_{state}"] = asdict_short(run)
            log(f"{command} ({state}) {run.seconds} s, {run.max_rss_mb} MB (exit {run.returncode})")

    check_and_bib("cold")
    check_and_bib("warm")

    # Full builds; -j 1 last, so the incremental runs below start from a -j 1 build.
    for j in sorted(jobs, key=lambda j: j == "1"):
        for name, project in (("extension", ext), ("plain", plain)):
            clean(project)
            run = sphinx_build(project, j)
            result[f"full_j{j}_{name}"] = asdict_short(run)
            log(
                f"full build -j {j} {name}: {run.seconds} s ({run.cpu_seconds} s CPU), {run.max_rss_mb} MB, "
                f"{run.reread} docs, {run.warnings} warnings, exit {run.returncode}"
            )
    for name, project in (("extension", ext), ("plain", plain)):
        run = sphinx_build(project, "1")
        result[f"noop_{name}"] = asdict_short(run)
        log(f"no-op rebuild {name}: {run.seconds} s, {run.reread} docs re-read")
    cid = edit_contribution_title(ext)
    result["edited"] = cid
    check_and_bib("edited")
    run = sphinx_build(ext, "1")
    result["edit_extension"] = asdict_short(run)
    log(f"edit rebuild extension ({cid}): {run.seconds} s, {run.reread} docs re-read")
    # `proceedings build` (as users run it): the first copies sphinx-build's book into its staging
    # folder and finds nothing to read; the second finds no input changed and does not start Sphinx.
    for name in ("proceedings_build_first", "proceedings_build_noop"):
        run = measure([PYTHON, "-m", "sphinx_proceedings.cli.main", "build", str(ext)])
        result[name] = asdict_short(run)
        result[f"{name}_skipped_sphinx"] = "is up to date" in run.output
        log(f"{name}: {run.seconds} s, {run.max_rss_mb} MB (exit {run.returncode})")
    t0 = time.perf_counter()
    pages = write_plain(ext, plain)
    result["edit_plain_pages_rewritten"] = pages
    result["edit_plain_regenerate_s"] = round(time.perf_counter() - t0, 2)
    run = sphinx_build(plain, "1")
    result["edit_plain"] = asdict_short(run)
    log(f"edit rebuild plain: {pages} pages rewritten, {run.seconds} s, {run.reread} docs re-read")
    if latex:
        if shutil.which("latexmk") is None:
            result["latex"] = "skipped: latexmk is not installed"
        else:
            run = sphinx_build(ext, "1", builder="latex")
            result["latex_sphinx"] = asdict_short(run)
            pdf = measure([*LATEXMK, "-jobname=proceedings", "proceedings.tex"], cwd=ext / "_build" / "latex")
            result["latex_pdf"] = asdict_short(pdf)
            log(f"latex: sphinx {run.seconds} s, pdf {pdf.seconds} s (exit {pdf.returncode})")
    return result


def rtd_sequence(size: int, seed: int, work: Path, steps: Sequence[str] = RTD_STEPS) -> dict[str, object]:
    """Read the Docs' commands, one after another on one fresh project and one doctree folder."""
    project = work / f"rtd-n{size}"
    shutil.rmtree(project, ignore_errors=True)
    write_project(project, size, seed)
    result: dict[str, object] = {"size": size}
    for step in steps:
        if step == "latexmk":
            if shutil.which("latexmk") is None:
                result[step] = "skipped: latexmk is not installed"
                continue
            run = measure([*LATEXMK, "-jobname=proceedings", "proceedings.tex"], cwd=project / "_build" / "latex")
        else:
            run = sphinx_build(project, "1", builder=step)
        result[step] = asdict_short(run)
        print(
            f"[RTD N={size}] {step}: {run.seconds} s ({run.cpu_seconds} s CPU), {run.max_rss_mb} MB, "
            f"exit {run.returncode}",
            file=sys.stderr,
            flush=True,
        )
    runs = [value for value in result.values() if isinstance(value, dict)]
    result["total"] = {
        "seconds": round(sum(float(run["seconds"]) for run in runs), 2),
        "cpu_seconds": round(sum(float(run["cpu_seconds"]) for run in runs), 2),
        "max_rss_mb": max(float(run["max_rss_mb"]) for run in runs),
        "returncode": max(int(run["returncode"]) for run in runs),
    }
    return result


def rtd_table(rtd: dict[str, object]) -> str:
    """Each step of the Read the Docs sequence, and the total against the plan's limits."""
    n = rtd["size"]
    rows = [
        "| N | Read the Docs step | wall (s) | CPU (s) | peak RSS (MB) | documents read |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for step in (*RTD_STEPS, "total"):
        if step not in rtd:
            continue
        run = rtd[step]
        if not isinstance(run, dict):
            rows.append(f"| {n} | {step} | {run} | | | |")
            continue
        mark = "" if run.get("returncode", 0) == 0 else " (failed)"
        read = "" if run.get("reread") is None else run["reread"]
        rows.append(
            f"| {n} | {step}{mark} | {run['seconds']} | {run['cpu_seconds']} | {run['max_rss_mb']} | {read} |"
        )
    total = rtd["total"]
    assert isinstance(total, dict)
    rows.append(
        f"| {n} | limit (community plan) | {RTD_SECONDS} ({float(total['seconds']) / RTD_SECONDS:.0%} used) | | "
        f"{RTD_MEMORY_MB} ({float(total['max_rss_mb']) / RTD_MEMORY_MB:.0%} used) | |"
    )
    return "\n".join(rows)


def growth(sizes: Sequence[int], seed: int, work: Path) -> dict[str, object]:
    """The extension's full -j 1 HTML build at two sizes; CPU time grows as N to this exponent."""
    small, large = sizes
    runs: dict[str, object] = {}
    for size in (small, large):
        project = work / f"growth-n{size}"
        shutil.rmtree(project, ignore_errors=True)
        write_project(project, size, seed)
        run = sphinx_build(project, "1")
        runs[str(size)] = asdict_short(run)
        print(f"[growth N={size}] {run.seconds} s ({run.cpu_seconds} s CPU), exit {run.returncode}", file=sys.stderr)
    cpu = [float(runs[str(size)]["cpu_seconds"]) for size in (small, large)]  # type: ignore[index]
    exponent = math.log(cpu[1] / cpu[0]) / math.log(large / small) if min(cpu) > 0 else float("nan")
    return {"sizes": [small, large], "runs": runs, "exponent": round(exponent, 3)}


def growth_row(result: dict[str, object]) -> str:
    small, large = result["sizes"]  # type: ignore[misc]
    runs = result["runs"]
    assert isinstance(runs, dict)
    cpu = " → ".join(f"{runs[str(size)]['cpu_seconds']} s" for size in (small, large))
    return (
        f"| {small} → {large} | growth exponent of the full HTML build's CPU time (-j 1) | "
        f"{result['exponent']} ({cpu}) | | |"
    )


def asdict_short(run: Run) -> dict[str, object]:
    data = asdict(run)
    data.pop("output")
    if run.returncode != 0 or run.warnings:
        data["tail"] = run.output.splitlines()[-15:]
    return data


def profile(size: int, seed: int, work: Path, top: int = 25) -> str:
    """cProfile of the extension's full -j 1 build at ``size``: where the time goes."""
    project = work / f"n{size}" / "extension"
    if not (project / "conf.py").is_file():
        write_project(project, size, seed)
    clean(project)
    stats_file = work / f"n{size}" / "extension-j1.prof"
    run = sphinx_build(project, "1", prefix=["-m", "cProfile", "-o", str(stats_file)])
    stats = pstats.Stats(str(stats_file))
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _), (_, _, _, ct, _) in raw.items())
    own = sum(tt for (path, _, _), (_, _, tt, _, _) in raw.items() if "sphinx_proceedings" in path)
    lines = [f"cProfile of the extension's full -j 1 build at N={size}: {run.seconds} s wall under the profiler"]
    lines.append(f"time inside sphinx_proceedings functions (own time): {own:.1f} s of {total:.1f} s")
    lines.append("extension functions by cumulative time:")
    ours = [(key, value) for key, value in raw.items() if "sphinx_proceedings" in key[0]]
    for (path, line, func), (_, calls, tt, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"  {ct:8.2f} s cum {tt:7.2f} s own {calls:8d} calls  {Path(path).name}:{line} {func}")
    lines.append("all functions by own time:")
    for (path, line, func), (_, calls, tt, ct, _) in sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]:
        lines.append(f"  {tt:8.2f} s own {ct:8.2f} s cum {calls:8d} calls  {_short(path)}:{line} {func}")
    return "\n".join(lines)


def _short(path: str) -> str:
    return path.split("site-packages/")[-1] if "site-packages/" in path else path


def table(results: Sequence[dict[str, object]]) -> str:
    """A Markdown table: one row per size and measurement."""
    rows = ["| N | measurement | extension | plain Sphinx | ratio a/b |", "| ---: | --- | ---: | ---: | ---: |"]

    def cell(run: object, key: str) -> str:
        if not isinstance(run, dict):
            return "–"
        value = run.get(key)
        mark = "" if run.get("returncode", 0) == 0 else " (failed)"
        return f"{value}{mark}"

    def ratio(a: object, b: object, key: str) -> str:
        if isinstance(a, dict) and isinstance(b, dict) and b.get(key):
            return f"{float(a[key]) / float(b[key]):.2f}"  # type: ignore[arg-type]
        return "–"

    for r in results:
        n = r["size"]
        for key in sorted(k for k in r if k.startswith("full_j") and k.endswith("_extension")):
            j = key.removeprefix("full_j").removesuffix("_extension")
            a, b = r[key], r.get(f"full_j{j}_plain")
            rows.append(
                f"| {n} | full HTML build -j {j} (s) | {cell(a, 'seconds')} | {cell(b, 'seconds')} | "
                f"{ratio(a, b, 'seconds')} |"
            )
            rows.append(
                f"| {n} | full HTML build -j {j}, CPU time (s) | {cell(a, 'cpu_seconds')} | {cell(b, 'cpu_seconds')} | "
                f"{ratio(a, b, 'cpu_seconds')} |"
            )
            rows.append(
                f"| {n} | peak RSS -j {j} (MB) | {cell(a, 'max_rss_mb')} | {cell(b, 'max_rss_mb')} | "
                f"{ratio(a, b, 'max_rss_mb')} |"
            )
            rows.append(
                f"| {n} | documents read, warnings -j {j} | {cell(a, 'reread')}, {cell(a, 'warnings')} | "
                f"{cell(b, 'reread')}, {cell(b, 'warnings')} | |"
            )
        for label, prefix in (("no-op rebuild", "noop"), ("rebuild after editing one title", "edit")):
            a, b = r.get(f"{prefix}_extension"), r.get(f"{prefix}_plain")
            rows.append(
                f"| {n} | {label} (s) | {cell(a, 'seconds')} | {cell(b, 'seconds')} | {ratio(a, b, 'seconds')} |"
            )
            rows.append(f"| {n} | {label}: documents re-read | {cell(a, 'reread')} | {cell(b, 'reread')} | |")
        for label, key in (
            ("proceedings check, cold (s)", "check"),
            ("proceedings check, unchanged data (s)", "check_warm"),
            ("proceedings check, after the title edit (s)", "check_edited"),
            ("proceedings bib, cold (s)", "bib"),
            ("proceedings bib, unchanged data (s)", "bib_warm"),
            ("proceedings bib, after the title edit (s)", "bib_edited"),
            ("proceedings build, adopting the sphinx-build book (s)", "proceedings_build_first"),
            ("proceedings build, nothing changed (s)", "proceedings_build_noop"),
        ):
            if key in r:
                value = r[key]
                shown = cell(value, "seconds") if isinstance(value, dict) else str(value)
                rows.append(f"| {n} | {label} | {shown} | | |")
        for label, key in (("LaTeX sources, sphinx-build (s)", "latex_sphinx"), ("PDF, latexmk (s)", "latex_pdf")):
            if key in r:
                value = r[key]
                shown = cell(value, "seconds") if isinstance(value, dict) else str(value)
                rows.append(f"| {n} | {label} | {shown} | | |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="numbers of contributions")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", nargs="+", default=["1", "auto"], help="-j values of the full builds")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "proceedings-bench", help="where projects go"
    )
    parser.add_argument("--latex-size", type=int, default=1000, help="size at which to build LaTeX (0: never)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile the -j 1 build at N")
    parser.add_argument(
        "--rtd-size", type=int, default=0, metavar="N", help="also run Read the Docs' html, latex, latexmk, epub at N"
    )
    parser.add_argument("--rtd-steps", nargs="+", choices=RTD_STEPS, default=list(RTD_STEPS), help=argparse.SUPPRESS)
    parser.add_argument(
        "--growth", type=int, nargs=2, metavar=("N1", "N2"), help="also the growth exponent of HTML CPU from N1 to N2"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; work in {args.workdir}", file=sys.stderr)
    results: list[dict[str, object]] = []
    for size in args.sizes:
        results.append(benchmark_size(size, args.seed, args.workdir, args.jobs, latex=size == args.latex_size))
        (args.workdir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if results:
        print(table(results))
    extra: dict[str, object] = {}
    if args.growth:
        extra["growth"] = growth(args.growth, args.seed, args.workdir)
        print("\n| N | measurement | extension | | |\n| ---: | --- | ---: | ---: | ---: |")
        print(growth_row(extra["growth"]))  # type: ignore[arg-type]
    if args.rtd_size:
        extra["rtd"] = rtd_sequence(args.rtd_size, args.seed, args.workdir, args.rtd_steps)
        print("\n" + rtd_table(extra["rtd"]))  # type: ignore[arg-type]
    if extra:
        (args.workdir / "extra.json").write_text(json.dumps(extra, indent=2), encoding="utf-8")
    if args.profile:
        report = profile(args.profile, args.seed, args.workdir)
        (args.workdir / f"profile-n{args.profile}.txt").write_text(report, encoding="utf-8")
        print("\n" + report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
