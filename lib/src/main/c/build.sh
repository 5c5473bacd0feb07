#!/bin/sh
# Compiles nnfs_blas.c into the library's resources (Maven runs this in the compile phase; see lib/pom.xml).
#   build.sh JAVA_HOME OUTPUT_FILE
# Without a C compiler or the JDK's JNI headers it builds nothing and says so: the library then hands OpenBLAS copies
# of its matrices instead (nnfs.math.CriticalBlas, Products.backend() says which).
set -u
java_home="$1"
output="$2"
source="$(dirname "$0")/nnfs_blas.c"
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "[nnfs] zero-copy OpenBLAS calls: not built (only for Linux x86_64, where the OpenBLAS jar is bundled)"; exit 0 ;;
esac
compiler="${CC:-}"
if [ -z "$compiler" ]; then
    for candidate in cc gcc clang; do
        if command -v "$candidate" >/dev/null 2>&1; then compiler="$candidate"; break; fi
    done
fi
include="$java_home/include"
[ -f "$include/jni.h" ] || include="$java_home/../include"
if [ -z "$compiler" ] || [ ! -f "$include/jni.h" ]; then
    echo "[nnfs] zero-copy OpenBLAS calls: not built (needs a C compiler and the JDK's jni.h; found compiler '${compiler:-none}', headers in '$include')"
    exit 0
fi
mkdir -p "$(dirname "$output")"
if "$compiler" -O2 -shared -fPIC -Wall -Wextra -I"$include" -I"$include/linux" "$source" -o "$output.partial"; then
    mv "$output.partial" "$output"
else
    rm -f "$output.partial"
    echo "[nnfs] zero-copy OpenBLAS calls: not built ($compiler failed on $source)"
fi
exit 0
