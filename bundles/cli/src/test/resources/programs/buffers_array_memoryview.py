# array.array and memoryview over shared buffers
from array import array
for code in "bBhHiIqQfd":
    a = array(code, [1, 2, 3])
    a.append(4)
    a.extend(array(code, [5]))
    print(code, a, len(a), a[0], a[-1], a[1:3], list(a), bytes(a[:1]))
print(array("b", [127, 128, 255, -129]), array("H", [-1, 65536]), array("I", [2**32 - 1]), array("q", [-2**63]))
print(array("i"), array("h", b"\x01\x00\x02\x00"), array("b", array("h", [1, 2])), array("d", [1, 2.5]))
for expr in ["array('z')", "array('b', 'ab')", "array('h', [1.5])", "array('b') == array('h')", "array('f') == array('f')", "1 in array('b')", "array()"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)
a = array("i", [1, 2, 3, 4])
a[1:3] = array("i", [7, 8, 9])
print(a, a == array("I", [1, 7, 8, 9, 4]), array("B", [1, 2]) < array("B", [1, 3]), a + array("i", [5]))
m = memoryview(a)
print(len(m), m[0], list(m[1:3]), m[-1])
m[0] = 100
m[1:3] = array("i", [-1, -2])
print(a)
try:
    m[0:2] = array("i", [1])
except ValueError as e:
    print("ValueError", e)
b = bytearray(b"hello")
mv = memoryview(b)
mv[1:] = mv[:-1]
print(b, bytes(mv), mv == b"hhell", mv[1:3] == b"hh")
ro = memoryview(b"readonly")
for expr in ["ro[0] = 1", "ro[0:1] = b'x'", "ro + b'x'", "ro.append(1)", "ro.nothing"]:
    try:
        exec(expr)
    except Exception as e:
        print(expr, type(e).__name__, e)
print(list(memoryview(memoryview(b"abcd")[1:])[1:]), memoryview(b"ab").hex(), bytearray(memoryview(b"z")))
b = bytearray(4)
views = [memoryview(b)[i:i + 1] for i in range(4)]
for i, v in enumerate(views):
    v[0] = 10 * i
print(b)
class A(array):
    pass
x = A("b", [97, 98])
print(x, len(x), x == b"ab", bytes(x))
