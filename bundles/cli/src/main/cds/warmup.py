# Run (and compiled) once by the build so that the AppCDS archives of bin/mica and bin/mica-cross
# hold the classes a typical program loads.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


data = {"points": [Point(i, i * i) for i in range(3)], "big": fib(100), "text": "caf\u00e9".upper()}
try:
    1 // 0
except ZeroDivisionError as e:
    data["error"] = str(e)
print(len(repr(data)) > 0, sorted({3, 1, 2}), tuple(sys.argv), file=sys.stdout)
