#!/bin/sh
# Builds the libFuzzer harnesses (Fuzz/Harnesses/*.swift) against the package's modules, instrumented with
# -sanitize=fuzzer,address, into .build-fuzz/ (apart from the normal .build/; `swift build` is not touched).
#   Fuzz/build.sh [TARGET…]      targets: formula import workbook statement (default: all)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build-fuzz"
mkdir -p "$out"
flags="-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6"
sources() { find "$root/Sources/$1" -name '*.swift' | sort; }

# One module at a time, only when a source is newer than its object.
module() {
    name=$1
    shift
    object="$out/$name.o"
    if [ -f "$object" ] && [ -z "$(find "$root/Sources/$name" -name '*.swift' -newer "$object" | head -1)" ]; then return; fi
    echo "fuzz build: $name" >&2
    # shellcheck disable=SC2046,SC2086
    swiftc $flags -module-name "$name" -wmo -c -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -I "$out" "$@" $(sources "$name") -o "$object"
}
# ZIPFoundation (.xlsx and .docx) from the package's checkout (`swift build` fetched it), in its own language mode.
zip="$root/.build/checkouts/ZIPFoundation/Sources"
[ -d "$zip/ZIPFoundation" ] || { echo "no ZIPFoundation checkout: run swift build first" >&2; exit 2; }
zlib="-Xcc -fmodule-map-file=$zip/CZLib/module.modulemap -Xcc -D_GNU_SOURCE=1 -Xcc -fmodule-map-file=$root/Sources/CSQLite/module.modulemap"
if [ ! -f "$out/ZIPFoundation.o" ]; then
    echo "fuzz build: ZIPFoundation" >&2
    # shellcheck disable=SC2046,SC2086
    swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 5 -module-name ZIPFoundation -wmo -c \
        -emit-module -emit-module-path "$out/ZIPFoundation.swiftmodule" $zlib \
        $(find "$zip/ZIPFoundation" -name '*.swift' | sort) -o "$out/ZIPFoundation.o"
fi
module GongkaiCore
# shellcheck disable=SC2086
module GongkaiIO $zlib
# The shell's C modules: libedit, and glibc's malloc.h (malloc_trim after a load of many files).
shell="-Xcc -fmodule-map-file=$root/Sources/CLibEdit/module.modulemap -Xcc -fmodule-map-file=$root/Sources/CMalloc/module.modulemap"
# shellcheck disable=SC2086
module GongkaiShell $shell $zlib

targets=${*:-formula import workbook statement}
for target in $targets; do
    harness="$root/Fuzz/Harnesses/$target.swift"
    [ "$target" != Warmup ] && [ -f "$harness" ] || { echo "no harness $harness" >&2; exit 2; }
    binary="$out/fuzz-$target"
    if [ -f "$binary" ] && [ ! "$harness" -nt "$binary" ] && [ ! "$out/GongkaiShell.o" -nt "$binary" ] \
        && [ ! "$root/Fuzz/Harnesses/Warmup.swift" -nt "$binary" ]; then continue; fi
    echo "fuzz build: fuzz-$target" >&2
    # shellcheck disable=SC2086
    swiftc $flags -module-name "Fuzz_$target" -I "$out" $shell \
        $zlib "$harness" "$root/Fuzz/Harnesses/Warmup.swift" "$out/GongkaiCore.o" "$out/GongkaiIO.o" "$out/GongkaiShell.o" \
        "$out/ZIPFoundation.o" -ledit -lz -lsqlite3 -o "$binary"
done
