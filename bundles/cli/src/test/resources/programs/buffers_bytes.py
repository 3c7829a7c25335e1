# bytes: construction, operators and the text methods, with MicroPython's errors
print(bytes(), bytes(3), bytes([1, 2, 255]), bytes(range(4)), bytes(x for x in (7, 8)))
print(bytes("héllo", "utf-8"), bytes(bytearray(b"ab")), bytes(memoryview(b"xyz")[1:]))
for args in [("abc",), ([1], "x"), (-1,), ([256],), ([1.5],), (None,)]:
    try:
        bytes(*args)
    except Exception as e:
        print(type(e).__name__, e)
b = b"hello world"
print(b[0], b[-1], b[1:4], b[:0], b[-3:], len(b))
try:
    b[::2]
except NotImplementedError as e:
    print("NotImplementedError", e)
try:
    b[20]
except IndexError as e:
    print("IndexError", e)
print(b + b"!", b + bytearray(b"?"), b"" + b, b * 2, 0 * b, b"ab" * -1)
print(b"a" < b"b", b"ab" <= bytearray(b"ab"), b"b" > memoryview(b"a"), b"" >= b"")
print(b == bytearray(b"hello world"), b == "hello world", b != b"x")
print(b"wor" in b, bytearray(b"lo") in b, 111 in b, 5 in b, "o w" in b)
print(hash(b"ab"), hash(b""), hash(b"abc") == hash(b"abc"))
print(b.find(b"o"), b.rfind(b"o"), b.find(b"o", 5), b.find(b"o", -3), b.find(b"zz"), b.count(b"l"), b.count(b""))
print(b.index(b"w"), b.rindex(b"l"), b.startswith(b"he"), b.startswith("wor", 6), b.endswith(b"ld"))
for expr in ['b.index(b"z")', 'b.find("o")', 'b.split(bytearray(b" "))', 'b.endswith(b"d", 1)', 'b.partition(b"")', 'b.rsplit(None, 1)']:
    try:
        print(eval(expr))
    except Exception as e:
        print(type(e).__name__, e)
print(b.split(), b" a  b ".split(), b.split(b"o"), b.split(b"l", 1), b.rsplit(b"l", 1), b"a\nb\r\nc".splitlines())
print(b"x\ny\n".splitlines(True), b"  x ".strip(), b"xxaxx".strip(b"x"), b"  x ".lstrip(), b"  x ".rstrip())
print(b.replace(b"l", b"L"), b.replace(b"l", b"L", 2), b"ab".replace(b"", b"-"), b.replace(b"q", b"Q") is b)
print(b.partition(b" "), b.rpartition(b"o"), b.partition(b"#"))
print(b"ab".center(6), b.upper(), b"ABC".lower(), b"-".join([b"a", bytearray(b"b"), b"c"]))
print(b"abc".isalpha(), b"123".isdigit(), b" \t".isspace(), b"AB1".isupper(), b"ab1".islower(), b"".isalpha())
print(b"\xe2\x82\xac".decode(), b"abc".decode("ascii"), b"\x01\xff".hex(), b"\x01\xff".hex(":"), bytes.fromhex("01 ff 7e"))
try:
    b"\xff".decode()
except UnicodeError:
    print("UnicodeError")
print(b"%d-%s-%r-%x" % (5, "s", b"b", 255), b"%%" % (), b"{}:{}".format(1, "a"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\x00\t\n\r\\\x7f\x80"))
print(str(b"abc", "utf-8"), str(bytearray(b"xy"), "utf-8"), str(b"abc"))

# keyword arguments to bytes() are refused with MicroPython's message
try:
    bytes("a", encoding="utf-8")
except NotImplementedError as e:
    print("NotImplementedError", e)
