"""Execute the course notebooks with the Java kernel, and build the HTML book from them.

    python tools/notebooks.py                 execute every notebook into build/notebooks/
    python tools/notebooks.py --book          ... then write the student and teacher editions into build/student/ and
                                              build/teacher/ (tools/editions.py) and build the HTML book in build/book/
                                              (tools/book.py)
    python tools/notebooks.py --only 04 06    only the notebooks whose names start with these prefixes

Notebooks run from notebooks/ (their first cell loads ../lib/target/nnfs.jar), top to bottom, with the kernelspec
`java` of the project's environment. The committed notebooks are never modified.
"""
import argparse
import atexit
import copy
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"

# The project's own kernelspec wins over any `java` kernel the user has installed elsewhere.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in [str(Path(sys.prefix) / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")] if p)

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

KERNEL = "java"
CELL_TIMEOUT_SECONDS = 600
# The JVM kernel answers in 2-5 s, up to ~20 s on a busy two-core machine. Its start-up races are handled by the
# launcher (kernel/src/main/java/nnfs/kernel/Launcher.java); should a kernel still not answer, a new one is started.
STARTUP_TIMEOUT_SECONDS = 40
STARTUP_ATTEMPTS = 5


def notebook_paths(only=None):
    """The chapter notebooks in order, optionally only those whose names start with one of `only`."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if only:
        paths = [p for p in paths if any(p.name.startswith(prefix) for prefix in only)]
    return paths


# Run after the notebook's last cell (and removed from the executed copy): how much heap the run held at most, not
# counting G1's eden (new objects, most of them garbage, sized by the heap limit rather than by what is live). The
# figure is an upper bound of the live data; tests/test_memory.py checks the heavy chapters in a 1 GB heap.
PEAK_HEAP_CELL = """long nnfsPeakHeapBytes = 0;
for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
    if (pool.getType() == java.lang.management.MemoryType.HEAP && !pool.getName().contains("Eden")) {
        nnfsPeakHeapBytes += pool.getPeakUsage().getUsed();
    }
}
System.out.println("nnfs peak heap bytes: " + nnfsPeakHeapBytes);"""


def execute(path, attempts=STARTUP_ATTEMPTS, notebook=None, allow_errors=False, heap_limit=None):
    """Runs one notebook top to bottom. Returns (executed notebook, seconds). Raises on the first failing cell.

    The kernel's own log (its start-up and connection lines) goes to build/logs/<name>.kernel.log, not the console.
    A kernel that fails to start (it happens on a busy machine) is retried; a failing cell is not. With `notebook`
    (a notebook node, left unchanged) that notebook runs instead of the file at `path`, from notebooks/ all the same;
    with `allow_errors` every cell runs and failing cells keep their error outputs; with `heap_limit` (e.g. "1g") the
    kernel's Java heap is limited to it. The executed notebook's metadata `nnfs_run` holds the seconds and the peak
    heap in MB (see PEAK_HEAP_CELL).
    """
    log = BUILD / "logs" / (path.stem + ".kernel.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if heap_limit:
        # The java launcher reads JDK_JAVA_OPTIONS; an -Xmx there wins over the kernelspec's MaxRAMPercentage.
        env["JDK_JAVA_OPTIONS"] = (env.get("JDK_JAVA_OPTIONS", "") + f" -Xmx{heap_limit}").strip()
    for attempt in range(1, attempts + 1):
        nb = copy.deepcopy(notebook) if notebook is not None else nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PEAK_HEAP_CELL))
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT_SECONDS,
                                startup_timeout=STARTUP_TIMEOUT_SECONDS, coalesce_streams=True,
                                allow_errors=allow_errors, resources={"metadata": {"path": str(NOTEBOOKS)}})
        start = time.monotonic()
        try:
            with open(log, "w" if attempt == 1 else "a") as kernel_log:
                kernel_log.write(f"--- attempt {attempt}\n")
                kernel_log.flush()
                client.execute(stdout=kernel_log, stderr=kernel_log, env=env)
            seconds = time.monotonic() - start
            probe = nb.cells.pop()
            printed = "".join(o.get("text", "") for o in probe.get("outputs", []) if o.output_type == "stream")
            match = re.search(r"nnfs peak heap bytes: (\d+)", printed)
            nb.metadata["nnfs_run"] = {"seconds": round(seconds, 1),
                                       "peak_heap_mb": round(int(match.group(1)) / 2**20) if match else None,
                                       "heap_limit": heap_limit}
            return nb, seconds
        except CellExecutionError:
            raise
        except Exception as e:  # the kernel did not start or died: not the notebook's fault
            # nbclient already shut that kernel down; drop its second clean-up at exit, which would only fail noisily.
            atexit.unregister(client._cleanup_kernel)
            started = any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
            print(f"  kernel failure ({type(e).__name__}: {e}); see {log.relative_to(ROOT)}", file=sys.stderr)
            if started or attempt == attempts:
                raise
            print(f"  retrying {path.name} (attempt {attempt + 1} of {attempts})", file=sys.stderr)


def write_executed(nb, path):
    out = BUILD / "notebooks" / path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--book", action="store_true",
                        help="then build the HTML book in build/book/ from build/notebooks/ (see tools/book.py)")
    parser.add_argument("--only", nargs="*", help="name prefixes of the notebooks to run, e.g. 01 04")
    args = parser.parse_args(argv)

    paths = notebook_paths(args.only)
    if not paths:
        print("no notebooks matched", file=sys.stderr)
        return 1
    timings = []
    for path in paths:
        print(f"running {path.name} ...", flush=True)
        nb, seconds = execute(path)
        out = write_executed(nb, path)
        timings.append((path.name, seconds, nb.metadata["nnfs_run"]["peak_heap_mb"]))
        print(f"  done in {seconds:.1f} s -> {out.relative_to(ROOT)}", flush=True)
    print("\nnotebook                                  seconds   peak heap (MB)")
    for name, seconds, heap in timings:
        print(f"{name:<40} {seconds:8.1f}   {heap if heap is not None else '?':>14}")
    print(f"{'total':<40} {sum(s for _, s, _ in timings):8.1f}")
    if args.book:
        import book  # tools/book.py
        import editions  # tools/editions.py
        editions.write()
        return book.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
