# allocation-heavy: instances, bound methods, closures and floats
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def scaled(self, k):
        return Point(self.x * k, self.y * k)


def adder(n):
    return lambda v: v + n


s = 0.0
for i in range(800000):
    p = Point(i, 0.5).scaled(2.0)
    f = adder(i)
    s += f(p.y)
print(s)
