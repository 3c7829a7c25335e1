# deflate: decompressing raw, zlib and gzip streams and MicroPython's own compressed output
import deflate
import io

text = b"mica and micropython, micropython and mica. " * 6


def compress(data, fmt, wbits=0):
    out = io.BytesIO()
    with deflate.DeflateIO(out, fmt, wbits) as d:
        d.write(data[:50])
        d.write(data[50:])
    return out.getvalue()


for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
    for wbits in (0, 5, 9, 15):
        packed = compress(text, fmt, wbits)
        print(fmt, wbits, len(packed), packed[:12].hex())
        unpacked = deflate.DeflateIO(io.BytesIO(packed), fmt, wbits).read()
        print(unpacked == text)

packed = compress(text, deflate.ZLIB, 10)
stream = io.BytesIO(packed + b"tail")
d = deflate.DeflateIO(stream)
print(d.read(5), stream.tell())
print(d.readline())
print(len(d.read()), stream.read())

for data, fmt in ((packed, deflate.GZIP), (packed[:-1] + b"\x00", deflate.ZLIB), (b"\x07", deflate.RAW),
                  (packed[:20], deflate.ZLIB)):
    try:
        deflate.DeflateIO(io.BytesIO(data), fmt).read()
    except OSError as e:
        print("OSError", e.errno)
    except EOFError:
        print("EOFError")

for args in ((4,), (1, 3), (1, 16)):
    try:
        deflate.DeflateIO(io.BytesIO(), *args)
    except ValueError as e:
        print("ValueError", e)

d = deflate.DeflateIO(io.BytesIO(), deflate.RAW)
d.close()
try:
    d.write(b"x")
except OSError as e:
    print("OSError", e.errno)
