# collections: deque, namedtuple, OrderedDict as MicroPython's unix port has them
from collections import deque, namedtuple, OrderedDict

d = deque((1, 2, 3), 3)
print(len(d), bool(d), list(d), d[0], d[-1])
d.append(4)
print(list(d))
d.appendleft(0)
print(list(d), d.pop(), d.popleft(), len(d))
d.extend(range(10, 15))
print(list(d), 12 in d)
d[1] = "x"
print([x for x in d])
for bad in (lambda: d[7], lambda: d["a"], lambda: d[0:1]):
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
strict = deque((), 2, 1)
strict.append(1)
strict.append(2)
for op in (lambda: strict.append(3), lambda: strict.appendleft(0)):
    try:
        op()
    except IndexError as e:
        print("IndexError", e)
print(strict.pop(), strict.pop())
try:
    strict.pop()
except IndexError as e:
    print("IndexError", e)
for args in ((), ((),), ((), -1)):
    try:
        deque(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, repr(e))
print(deque((), 1))

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), p == (1, 2), isinstance(p, tuple), type(p))
print(p + (3,), list(p), hash(p) == hash((1, 2)))
for make in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, x=2), lambda: Point(1, z=2),
             lambda: namedtuple("Bad", 5)):
    try:
        make()
    except TypeError as e:
        print("TypeError", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(p, "count"), hasattr(p, "_asdict"), namedtuple("Empty", [])())

class Point3(Point):
    def norm1(self):
        return abs(self.x) + abs(self.y)

print(Point3(-3, 4).norm1())

od = OrderedDict([("z", 1), ("a", 2)])
od["m"] = 3
print(od, list(od.keys()), list(od.values()), isinstance(od, dict))
del od["a"]
od["a"] = 0
print(od, od.popitem(), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
print(od.copy(), type(od.copy()), OrderedDict())
