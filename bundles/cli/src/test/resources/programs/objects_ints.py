# int(): bases, prefixes, underscores, errors; to_bytes/from_bytes; hashes of long ints
for text, base in [("0x1f", 0), ("0o17", 0), ("0b101", 0), ("  12  ", 10), ("1_000", 10), ("z", 36), ("0x_1f", 16)]:
    print(text, base, int(text, base))
print(int("0x80000000"), int(b"12"), int(True), int(-3.9))
for text, base in [("0x", 16), ("1x", 0), ("", 0), ("0b2", 2), ("1 1", 16), ("99999999999999999999_9", 10)]:
    try:
        int(text, base)
    except ValueError as e:
        print("ValueError", e)
for base in (1, 37):
    try:
        int("1", base)
    except ValueError as e:
        print("ValueError", e)
class WithInt:
    def __int__(self):
        return 42
print(int(WithInt()))
print((255).to_bytes(1, "big"), (-128).to_bytes(1, "big"), (0).to_bytes(0, "big"))
print((2 ** 64).to_bytes(9, "little"), (-(2 ** 64)).to_bytes(10, "big"))
for value, length in [(256, 1), (-129, 1), (-(2 ** 64), 9), ((2 ** 64) - 1, 7)]:
    try:
        value.to_bytes(length, "big")
    except OverflowError as e:
        print("OverflowError", e)
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"), int.from_bytes(bytes(12) + b"\x01", "big"))
# hash(1 << 62) is left out: it differs between 64-bit ports and 32-bit ones such as the WebAssembly oracle
print(hash(1 << 66), hash(-(1 << 66)), hash(3.0), hash(-2.5))
class BigHash:
    def __hash__(self):
        return 1 << 70 | 5
print(hash(BigHash()))
