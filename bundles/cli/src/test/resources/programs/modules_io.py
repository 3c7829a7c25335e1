# io: StringIO, BytesIO, IOBase and files opened with open()
import io

s = io.StringIO("héllo\nworld\n")
print(s.read(2), s.tell(), s.readline(), s.readline(3), s.read(), repr(s.read()))
s.seek(0)
print([line for line in s][1:])
s = io.StringIO("foo")
print(s.write("1234"), s.getvalue(), s.tell())
with io.StringIO() as w:
    print("a", 1, sep="-", end="!\n", file=w)
    print(repr(w.getvalue()))
try:
    w.getvalue()
except ValueError as e:
    print("ValueError", e)

b = io.BytesIO(b"abc")
print(b.read(1), b.seek(0, 2), b.write(b"de"), b.getvalue())
print(b.seek(10), b.write(b"!"), b.getvalue())
print(b.seek(-100, 1), b.seek(-1, 2), b.read())
try:
    b.seek(-1)
except OSError as e:
    print("OSError", e.args[0] == 22, e)
try:
    b.write(5)
except TypeError as e:
    print("TypeError", e)
b = io.BytesIO()
print(b.write(b"foobar", 1, 3), b.write(b"xy", 1), b.getvalue())
print(io.BytesIO(b"l1\nl2\n").readline(), list(io.BytesIO(b"l1\nl2")))
src = b"keep"
c = io.BytesIO(src)
c.write(b"K")
print(src, c.getvalue())

class Collect(io.IOBase):
    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(len(data))
        return len(data)

out = Collect()
print("one", "two", file=out)
print(out.parts)

try:
    open("no/such/file.txt")
except OSError as e:
    print("OSError for a missing file")
