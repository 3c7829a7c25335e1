# bytearray: a mutable buffer with the methods of bytes
a = bytearray(b"abc")
print(a, bytearray(), bytearray(2), bytearray([1, 255]), bytearray("hé", "utf-8"), bytearray(memoryview(b"mv")))
for args in [("abc",), (None,), ([256],)]:
    try:
        bytearray(*args)
    except Exception as e:
        print(type(e).__name__, e)
a[0] = 65
a.append(100)
a.extend(b"ef")
a.extend(bytearray(b"g"))
print(a, len(a), a[1], a[-1], a[1:3], list(a))
a[1:3] = b"XYZ"
print(a)
a[:2] = bytearray()
print(a)
a[len(a):] = a
print(a)
for expr in ["a.append(None)", "a[100]", "a['x']", "a[::2]", "a[0:1] = [1]", "a.extend([1])", "hash(a)", "~a", "a + 1", "1 in a", "a * 2"]:
    try:
        exec(expr)
        print(expr, "ok")
    except Exception as e:
        print(expr, type(e).__name__, e)
print(a)
b = bytearray(b" Hello, World ")
print(b.strip(), b.lower(), b.upper(), b.split(b","), b.find(b"o"), b.count(b"l"), b.replace(b"l", b"L"))
print(b.partition(b","), b.startswith(b" H"), b.center(20), b.decode(), b.hex())
print(bytearray(b" ").strip(), bytearray(b"x").center(1) , type(bytearray(b",").join([b"a", b"b"])))
print(bytearray(b"ab") == b"ab", bytearray(b"ab") == "ab", bytearray(b"a") < b"b", bytearray(b"") == bytearray())
print(b"ell" in b, b"xyz" in b, bytearray(b"x") + b"y", bytearray(b"x") + memoryview(b"z"))
c = bytearray(b"12")
c += b"34"
c += c
print(c, bytearray.fromhex("6869"))
