#!/usr/bin/env python3
"""The portable native build runs on any x86-64 processor: only the kernels' AVX2 and AVX-512 copies
(namespaces ll::avx2 and ll::avx512, src/engine/kernels/isa.h) may use AVX instructions, and the rest of
each binary is plain x86-64. A wide instruction anywhere else (an inline function the linker took from
an AVX-512 copy, a stray -march flag) would crash on an older processor before any kernel is chosen.

Reads the disassembly (objdump -d -C) of each binary given, or of build/native's layerlab,
layerlab_tests and layerlab-desktop. Prints "portable-isa: N passed, M failed"; exits 1 on a failure.
"""
import os
import re
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUNCTION = re.compile(r"^[0-9a-f]+ <(.*)>:$")
INSTRUCTION = re.compile(r"^\s+[0-9a-f]+:\s+(\S+)\s*(.*)$")
VECTOR_REGISTER = re.compile(r"%[xyz]mm")
WIDE_REGISTER = re.compile(r"%[yz]mm|%k[0-7]\b")
AVX512_REGISTER = re.compile(r"%zmm|%k[0-7]\b|%[xy]mm(1[6-9]|2[0-9]|3[01])\b")


def avx_use(binary):
    """{function: (AVX instructions, AVX-512 instructions)} over the binary's disassembly."""
    out = subprocess.run(["objdump", "-d", "-C", "--no-show-raw-insn", binary],
                         capture_output=True, text=True, check=True).stdout
    avx, avx512 = Counter(), Counter()
    function = None
    for line in out.splitlines():
        m = FUNCTION.match(line)
        if m:
            function = m.group(1)
            continue
        m = INSTRUCTION.match(line)
        if not m or function is None:
            continue
        mnemonic, operands = m.groups()
        # VEX and EVEX encodings (every AVX instruction, scalar ones too) are the v-prefixed mnemonics.
        if (mnemonic.startswith("v") and VECTOR_REGISTER.search(operands)) or WIDE_REGISTER.search(operands):
            avx[function] += 1
            if AVX512_REGISTER.search(operands):
                avx512[function] += 1
    return avx, avx512


def main():
    binaries = sys.argv[1:] or [os.path.join(ROOT, "build/native", b)
                                for b in ("layerlab", "layerlab_tests", "layerlab-desktop")]
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {name}" + (f": {detail}" if detail else ""))

    for binary in binaries:
        if not os.path.exists(binary):
            continue
        name = os.path.relpath(binary, ROOT)
        avx, avx512 = avx_use(binary)
        outside = {f: n for f, n in avx.items() if "ll::avx2::" not in f and "ll::avx512::" not in f}
        shown = "; ".join(f"{f[:160]} ({n})" for f, n in sorted(outside.items(), key=lambda kv: -kv[1])[:5])
        check(f"{name}: AVX only in the kernels' AVX copies", not outside,
              f"{len(outside)} other functions use AVX: {shown}")
        in_avx2 = [f for f in avx512 if "ll::avx2::" in f and "ll::avx512::" not in f]
        check(f"{name}: the AVX2 copy uses no AVX-512 registers", not in_avx2, "; ".join(f[:160] for f in in_avx2[:5]))
        # The control: the dispatching build has wide copies at all (else the checks above say nothing).
        wide = sum(1 for f in avx512 if "ll::avx512::" in f)
        check(f"{name}: the AVX-512 copy is there and uses zmm registers", wide > 0, "none found")
        print(f"  {name}: {sum(1 for f in avx if 'll::avx' in f)} kernel functions with AVX, "
              f"{wide} with AVX-512, {len(outside)} other functions with AVX")
    print(f"portable-isa: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
