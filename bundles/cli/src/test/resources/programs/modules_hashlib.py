# hashlib: sha256, incremental updates, and a digest that finishes the hash
import hashlib

print(hashlib.sha256().digest())
print(hashlib.sha256(b"abc").digest())
h = hashlib.sha256(b"hello ")
h.update(b"world")
h.update(bytearray(b"!"))
print(h.digest())
print(hashlib.sha256(b"a" * 1000).digest() == hashlib.sha256(b"a" * 999 + b"a").digest())
for n in (55, 56, 63, 64, 65):
    print(n, hashlib.sha256(b"\x5a" * n).digest()[:8])
h = hashlib.sha256(b"x")
h.digest()
for call in (h.digest, lambda: h.update(b"y")):
    try:
        call()
    except ValueError as e:
        print("ValueError", e)
try:
    hashlib.sha256(1)
except TypeError as e:
    print("TypeError", e)
print(hashlib.sha256(b"q"))
