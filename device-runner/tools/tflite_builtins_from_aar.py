#!/usr/bin/env python3
"""Prints tflite-2.16.1-builtins.tsv: the (builtin code, min, max) rows TFLite's BuiltinOpResolver registers,
read from a released tensorflow-lite AAR (docs/phone-floor.md).

usage: tflite_builtins_from_aar.py TENSORFLOW_LITE.aar TENSORFLOW_LITE_METADATA.jar > tflite-2.16.1-builtins.tsv

How: objdump disassembles jni/x86_64/libtensorflowlite_jni.so. BuiltinOpResolver's constructor is one long run of
    AddBuiltin(this, op, registration)            -> esi = op, ecx = version (default 1)
    AddBuiltin(this, op, registration, min, max)  -> esi = op, ecx = min, r8d = max
calls: the stretch of code between two returns that makes the most calls with an immediate in esi. Within it, both
overloads are the targets called more than ten times so; the range overload is the one whose call sites set r8d. Immediates reach esi/ecx/r8d through mov, push/pop or callee-saved registers,
so the script follows those moves within a function. Names come from the metadata jar's BuiltinOperator constants
(javap), plus the schema.fbs values that jar predates.
"""
import collections
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile

# schema.fbs BuiltinOperator values newer than tensorflow-lite-metadata 0.4.4's generated enum (it ends at 161).
NEWER_NAMES = {
    162: "STABLEHLO_LOGISTIC", 163: "STABLEHLO_ADD", 164: "STABLEHLO_DIVIDE", 165: "STABLEHLO_MULTIPLY",
    166: "STABLEHLO_MAXIMUM", 167: "STABLEHLO_RESHAPE", 168: "STABLEHLO_CLAMP", 169: "STABLEHLO_CONCATENATE",
    170: "STABLEHLO_BROADCAST_IN_DIM", 171: "STABLEHLO_CONVOLUTION", 172: "STABLEHLO_SLICE",
    173: "STABLEHLO_CUSTOM_CALL", 174: "STABLEHLO_REDUCE", 175: "STABLEHLO_ABS", 176: "STABLEHLO_AND",
    177: "STABLEHLO_COSINE", 178: "STABLEHLO_EXPONENTIAL", 179: "STABLEHLO_FLOOR", 180: "STABLEHLO_LOG",
    181: "STABLEHLO_MINIMUM", 182: "STABLEHLO_NEGATE", 183: "STABLEHLO_OR", 184: "STABLEHLO_POWER",
    185: "STABLEHLO_REMAINDER", 186: "STABLEHLO_RSQRT", 187: "STABLEHLO_SELECT", 188: "STABLEHLO_SUBTRACT",
    189: "STABLEHLO_TANH", 190: "STABLEHLO_SCATTER", 191: "STABLEHLO_COMPARE", 192: "STABLEHLO_CONVERT",
    193: "STABLEHLO_DYNAMIC_SLICE", 194: "STABLEHLO_DYNAMIC_UPDATE_SLICE", 195: "STABLEHLO_PAD",
    196: "STABLEHLO_IOTA", 197: "STABLEHLO_DOT_GENERAL", 198: "STABLEHLO_REDUCE_WINDOW", 199: "STABLEHLO_SORT",
    200: "STABLEHLO_WHILE", 201: "STABLEHLO_GATHER", 202: "STABLEHLO_TRANSPOSE", 203: "DILATE",
    204: "STABLEHLO_RNG_BIT_GENERATOR", 205: "REDUCE_WINDOW", 206: "STABLEHLO_COMPOSITE",
}

REG32 = {"esi": "rsi", "edi": "rdi", "ecx": "rcx", "edx": "rdx", "eax": "rax", "ebx": "rbx", "ebp": "rbp",
         "r8d": "r8", "r9d": "r9", "r12d": "r12", "r13d": "r13", "r14d": "r14", "r15d": "r15"}
CALLER_SAVED = ("rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11")


def reg(name):
    name = name.lstrip("%")
    return REG32.get(name, name)


def calls_with_registers(asm_lines):
    """Yields (stretch, call target, {register: known immediate}) for every call; a stretch ends at a return."""
    known, stack, stretch = {}, [], 0
    for line in asm_lines:
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ins = parts[-1].strip()
        if ins.startswith("ret"):
            known, stack, stretch = {}, [], stretch + 1
            continue
        m = re.match(r"push\s+\$0x([0-9a-f]+)$", ins)
        if m:
            stack.append(int(m.group(1), 16))
            continue
        m = re.match(r"pop\s+(%\w+)$", ins)
        if m:
            known[reg(m.group(1))] = stack.pop() if stack else None
            continue
        m = re.match(r"mov\s+\$0x([0-9a-f]+),(%\w+)$", ins)
        if m:
            known[reg(m.group(2))] = int(m.group(1), 16)
            continue
        m = re.match(r"mov\s+(%\w+),(%\w+)$", ins)
        if m:
            known[reg(m.group(2))] = known.get(reg(m.group(1)))
            continue
        m = re.match(r"xor\s+(%\w+),(%\w+)$", ins)
        if m and m.group(1) == m.group(2):
            known[reg(m.group(1))] = 0
            continue
        m = re.match(r"call\s+([0-9a-f]+)", ins)
        if m:
            yield stretch, m.group(1), dict(known)
            for r in CALLER_SAVED:
                known.pop(r, None)
            continue
        m = re.match(r"\w+\s+.*,(%\w+)$", ins)
        if m and not ins.startswith(("cmp", "test")):
            known.pop(reg(m.group(1)), None)


def builtin_rows(so_path):
    asm = subprocess.run(["objdump", "-d", "--no-show-raw-insn", so_path], check=True, capture_output=True,
                         text=True).stdout.split("\n")
    calls = [c for c in calls_with_registers(asm) if c[2].get("rsi") is not None]
    ctor = collections.Counter(s for s, _, _ in calls).most_common(1)[0][0]
    calls = [(t, k) for s, t, k in calls if s == ctor]
    per_target = collections.Counter(t for t, _ in calls)
    overloads = [t for t, n in per_target.items() if n > 10]
    if len(overloads) != 2:
        sys.exit(f"expected two AddBuiltin overloads, found {overloads}")
    ranged = max(overloads, key=lambda t: sum(1 for c, k in calls if c == t and k.get("r8") is not None))
    rows = []
    for target, k in calls:
        if target not in overloads:
            continue
        lo = k.get("rcx")
        hi = k.get("r8") if target == ranged else lo
        rows.append((k["rsi"], lo, hi))
    return rows


def names_from_jar(jar):
    out = subprocess.run(["javap", "-constants", "-cp", jar, "org.tensorflow.lite.schema.BuiltinOperator"],
                         check=True, capture_output=True, text=True).stdout
    names = {int(v): n for n, v in re.findall(r"int (\w+) = (\d+);", out)}
    for code, name in NEWER_NAMES.items():
        names.setdefault(code, name)
    return names


def main(aar, jar):
    with open(aar, "rb") as f:
        sha1 = hashlib.sha1(f.read()).hexdigest()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(aar) as z:
        so = z.extract("jni/x86_64/libtensorflowlite_jni.so", tmp)
        rows = builtin_rows(so)
    names = names_from_jar(jar)
    print(HEADER.format(sha1=sha1, n=len(rows)), end="")
    for code, lo, hi in rows:
        print(f"{code}\t{names.get(code, 'BUILTIN_' + str(code))}\t{lo}\t{hi}")


HEADER = """\
# The builtin operators TFLite 2.16.1's BuiltinOpResolver registers, one row per AddBuiltin call, in
# the order of tensorflow/lite/core/kernels/register.cc at tag v2.16.1 (commit 5bc9d26649c), the file that
# defines BuiltinOpResolver::BuiltinOpResolver() in that release. A model loads on the phone only if every
# (builtin code, version) of its operator_codes lies in one of these ranges. AddBuiltin without version
# arguments registers version 1 only.
#
# Read from the released binary the phone runs: org.tensorflow:tensorflow-lite:2.16.1 AAR (sha1
# {sha1}), the BuiltinOpResolver constructor's AddBuiltin(op, registration,
# min, max) calls in jni/x86_64/libtensorflowlite_jni.so ({n} rows; jni/arm64-v8a/ was checked to hold the
# same). The source text at the tag could not be fetched here; docs/phone-floor.md says how this was done
# and how to regenerate the file (device-runner/tools/tflite_builtins_from_aar.py).
#
# code: BuiltinOperator value in schema.fbs; name: its enum name; min and max: the registered versions.
# code\tname\tmin\tmax
"""

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
