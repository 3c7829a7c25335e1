# binascii: hex, base64 (with MicroPython's lenient decoder) and CRC-32
import binascii

for data in (b"", b"\x00\x01\xfe\xff", b"hello world", bytes(range(20))):
    h = binascii.hexlify(data)
    print(h, binascii.unhexlify(h) == data)
print(binascii.hexlify(b"abc", b"-"), binascii.unhexlify("4142"))
for bad in (b"0", b"zz", b"4g"):
    try:
        binascii.unhexlify(bad)
    except ValueError as e:
        print("ValueError", e)

for data in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", b"\xff\xfe\xfd", bytes(range(64))):
    enc = binascii.b2a_base64(data)
    print(enc, binascii.a2b_base64(enc) == data)
print(binascii.b2a_base64(b"x", newline=False))
for text in (b"Zm9v\n", b"Zm 9v", b"Zm9v===YmFy", b"Zg==", b"Zm8=", b"Zm=9v", b"!Zm9v!"):
    print(text, binascii.a2b_base64(text))

print(hex(binascii.crc32(b"The quick brown fox jumps over the lazy dog")))
print(hex(binascii.crc32(b"")), hex(binascii.crc32(b"abc", 12345)), hex(binascii.crc32(b"\xff" * 100)))
print(binascii.crc32(b"world", binascii.crc32(b"hello ")) == binascii.crc32(b"hello world"))
