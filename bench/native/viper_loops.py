# The same loops as bytecode and as viper: a checksum over a buffer and integer arithmetic.
# Prints both results (they must agree) and the speed-up; run with bin/mica (or MicroPython).
import time
import micropython

N = 2000000
buf = bytearray((i * 7) & 0xFF for i in range(N))


def checksum_bytecode(buf, n):
    s = 0
    for i in range(n):
        s = (s * 31 + buf[i]) & 0xFFFFFFF
    return s


@micropython.viper
def checksum_viper(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s = (s * 31 + p[i]) & 0xFFFFFFF
    return s


def collatz_bytecode(n):
    steps = 0
    for k in range(1, n):
        x = k
        while x != 1:
            x = x // 2 if x & 1 == 0 else 3 * x + 1
            steps += 1
    return steps


@micropython.viper
def collatz_viper(n: int) -> int:
    steps = 0
    for k in range(1, n):
        x = k
        while x != 1:
            if x & 1 == 0:
                x = x >> 1
            else:
                x = 3 * x + 1
            steps += 1
    return steps


def best_ms(fn, *args):
    best = None
    result = None
    for _ in range(3):
        t = time.ticks_ms()
        result = fn(*args)
        dt = time.ticks_diff(time.ticks_ms(), t)
        best = dt if best is None or dt < best else best
    return result, max(best, 1)


for name, bytecode, viper, args in (
    ("checksum", checksum_bytecode, checksum_viper, (buf, N)),
    ("collatz", collatz_bytecode, collatz_viper, (30000,)),
):
    r1, t1 = best_ms(bytecode, *args)
    r2, t2 = best_ms(viper, *args)
    print("%s: bytecode %d ms, viper %d ms, %.1fx, results %s" % (name, t1, t2, t1 / t2, "agree" if r1 == r2 else "DIFFER"))
