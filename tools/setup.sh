#!/usr/bin/env bash
# Sets up everything the notebooks need. Idempotent: a second run reuses what the first one made.
#
#   tools/setup.sh                  project-local environment in .venv (what `make book` and `make test` use)
#   tools/setup.sh --prefix DIR     use the existing Python environment DIR (conda, Binder) instead of .venv;
#                                   its packages come from environment.yml, so nothing is pip-installed
#
# Steps: check Java 17+ and Maven; create the Python environment and install the pinned Jupyter tools (with
# Playwright for the browser test); build the library jar lib/target/nnfs.jar; install the Debian packages
# dataset-fashion-mnist and chromium when allowed to (root or password-less sudo); fetch the Java kernel
# (rapaio-jupyter-kernel, version pinned in pom.xml) from Maven Central and install it into the environment as
# kernelspec `java`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PREFIX=""
if [[ "${1:-}" == "--prefix" ]]; then
    PREFIX="${2:?--prefix needs a directory}"
fi

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
fail() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# --- Java 17+ and Maven -------------------------------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA="$(command -v java || true)"
    [[ -n "$JAVA" ]] || fail "Java 17 or newer is needed: install a JDK (e.g. 'apt-get install openjdk-17-jdk') or set JAVA_HOME"
    JAVA="$(readlink -f "$JAVA")"
fi
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "${JAVA_MAJOR%%.*}" -ge 17 ]] 2>/dev/null || fail "Java 17 or newer is needed, found version '$JAVA_MAJOR' at $JAVA"
command -v mvn >/dev/null || fail "Maven is needed: install it (e.g. 'apt-get install maven')"
say "Java $JAVA_MAJOR at $JAVA"

# --- Python environment with the pinned Jupyter tools --------------------------------------------------------
if [[ -z "$PREFIX" ]]; then
    PREFIX="$ROOT/.venv"
    command -v python3 >/dev/null || fail "Python 3 is needed to run Jupyter"
    if [[ ! -x "$PREFIX/bin/python" ]]; then
        say "creating the Python environment in .venv"
        python3 -m venv "$PREFIX"
    fi
    STAMP="$PREFIX/.requirements.sha256"
    WANT="$(cat tools/requirements.txt tools/constraints.txt | sha256sum | cut -d' ' -f1)"
    if [[ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]]; then
        say "installing the pinned Jupyter tools (tools/requirements.txt)"
        # --retries 0: where the default index is unreachable, fail over to the configured ones at once.
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$PREFIX/bin/python" -m pip install --retries 0 --quiet \
            -r tools/requirements.txt -c tools/constraints.txt 2> >(grep -v "is ignored: it is neither" >&2)
        echo "$WANT" > "$STAMP"
    else
        say "Jupyter tools already installed in .venv"
    fi
fi
PY="$PREFIX/bin/python"
[[ -x "$PY" ]] || fail "no Python at $PY"

# --- The library jar the notebooks load, and the kernel launcher ---------------------------------------------
say "building the library jar (lib/target/nnfs.jar)"
mvn -q -B -Dstyle.color=never -DskipTests package
[[ -f lib/target/nnfs.jar ]] || fail "the build did not produce lib/target/nnfs.jar"
[[ -f kernel/target/nnfs-kernel.jar ]] || fail "the build did not produce kernel/target/nnfs-kernel.jar"

# --- The HTML book's browser libraries (make book): MathJax and MiniSearch, pinned in tools/book/package-lock.json --
# The book carries its own copies so that its formulas and its search work offline; only building the book needs them.
BOOK_DIR="$ROOT/tools/book"
BOOK_STAMP="$BOOK_DIR/node_modules/.package-lock.sha256"
BOOK_WANT="$(sha256sum "$BOOK_DIR/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$BOOK_STAMP" 2>/dev/null)" == "$BOOK_WANT" && -f "$BOOK_DIR/node_modules/mathjax/package.json" \
      && -f "$BOOK_DIR/node_modules/minisearch/package.json" ]]; then
    say "MathJax and MiniSearch for the book already installed"
elif command -v npm >/dev/null; then
    say "installing MathJax and MiniSearch for the book (npm ci in tools/book)"
    (cd "$BOOK_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
        || fail "npm could not install tools/book/package-lock.json (MathJax and MiniSearch for the book)"
    echo "$BOOK_WANT" > "$BOOK_STAMP"
else
    say "npm not found: the notebooks work, but building the HTML book (make book) needs npm for MathJax and MiniSearch"
fi

# --- Debian packages: installed when this user may (root, or password-less sudo) -----------------------------
# apt_install PACKAGE: installs it, refreshing the package lists once if the first attempt fails; 1 if it cannot.
APT_UPDATED=""
apt_install() {
    command -v apt-get >/dev/null || return 1
    local sudo=""
    if [[ "$(id -u)" != 0 ]]; then
        sudo -n true 2>/dev/null || return 1
        sudo="sudo -n"
    fi
    $sudo apt-get install -y -q "$1" >/dev/null 2>&1 && return 0
    [[ -z "$APT_UPDATED" ]] || return 1
    APT_UPDATED=1
    $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q "$1" >/dev/null 2>&1
}

# Fashion-MNIST for chapter 12. (The library also finds the files in $NNFS_FASHION_MNIST or its download cache, and
# downloads them when needed.)
if [[ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
    say "installing Fashion-MNIST (Debian package dataset-fashion-mnist)"
    apt_install dataset-fashion-mnist \
        || say "could not install dataset-fashion-mnist; chapter 12 will download Fashion-MNIST instead"
fi

# Chromium for the browser tests and the book's PDF; Playwright drives it and never downloads a browser itself.
if ! command -v chromium >/dev/null; then
    say "installing Chromium for the browser tests and the book's PDF (Debian package chromium)"
    apt_install chromium \
        || say "could not install chromium (needs root or password-less sudo): browser tests fail, the book has no PDF"
fi

# --- The Java kernel, as kernelspec `java` in this environment -----------------------------------------------
KERNEL_VERSION="$(sed -n 's:.*<rapaio.kernel.version>\(.*\)</rapaio.kernel.version>.*:\1:p' pom.xml)"
[[ -n "$KERNEL_VERSION" ]] || fail "pom.xml does not name rapaio.kernel.version"
KERNEL_DIR="$PREFIX/share/jupyter/kernels/java"
KERNEL_JAR="$KERNEL_DIR/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
mkdir -p "$KERNEL_DIR"
if [[ ! -f "$KERNEL_JAR" ]]; then
    say "fetching rapaio-jupyter-kernel $KERNEL_VERSION from Maven Central"
    mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" \
        -DoutputDirectory="$KERNEL_DIR"
    # Only one kernel jar: drop any other version left by an earlier pin.
    find "$KERNEL_DIR" -name 'rapaio-jupyter-kernel-*.jar' ! -name "$(basename "$KERNEL_JAR")" -delete
fi
# The kernel starts through nnfs.kernel.Launcher (kernel/), which works around a start-up race of the kernel.
cp kernel/target/nnfs-kernel.jar "$KERNEL_DIR/nnfs-kernel.jar"
"$PY" - "$KERNEL_DIR" "$JAVA" "$KERNEL_JAR" "$JAVA_MAJOR" <<'PYEOF'
import json, os, sys
kernel_dir, java, jar, major = sys.argv[1:5]
class_path = os.pathsep.join([jar, os.path.join(kernel_dir, "nnfs-kernel.jar")])
spec = {
    # Fashion-MNIST as doubles needs about 0.5 GB: let the heap grow to 70% of the memory (Binder gives 1-2 GB).
    # The library's SIMD kernels use the JDK's vector API, an incubator module; without it they fall back to plain
    # loops with the same results, only slower (nnfs.math.Simd).
    "argv": [java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=70",
             "-cp", class_path, "nnfs.kernel.Launcher", "{connection_file}"],
    "display_name": f"Java {major}",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": "", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1"},
}
with open(f"{kernel_dir}/kernel.json", "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PYEOF
# (Asked through jupyter_client itself, which needs no `jupyter-kernelspec` script on the PATH.)
JUPYTER_PATH="$PREFIX/share/jupyter" "$PY" - "$KERNEL_DIR" <<'PYEOF' || fail "Jupyter does not see the java kernel in $KERNEL_DIR"
import os, sys
from jupyter_client.kernelspec import find_kernel_specs
found = find_kernel_specs().get("java")
sys.exit(0 if found and os.path.samefile(found, sys.argv[1]) else f"kernelspec java is {found}")
PYEOF
say "kernel 'java' installed in $KERNEL_DIR"
