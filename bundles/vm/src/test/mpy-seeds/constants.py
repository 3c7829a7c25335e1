import sys
big = 123456789012345678901234567890
print(big * 3, -big, 2 ** 70, 1.5e300, -0.0, 1e-7, 2j + 1.5, b'\x00\xffbytes', 'str\u00e9', ...)
print((1, 'a', (b'', None)), True, False, 0x7fffffff, -0x40000000)
a, *b, c = [1, 2, 3, 4]
x = [1, 2, 3][1:], 'abc'[1:]
d = {'k': 1, 'j': [2]}
print(a, b, c, x, d, sys.maxsize > 0)
global_var = 1
def g():
    global global_var
    global_var += 1
    assert global_var > 0, 'never'
g()
import struct
print(struct.pack('<hI', 1, 2), global_var)
