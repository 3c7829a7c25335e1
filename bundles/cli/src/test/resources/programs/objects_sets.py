# set iteration order follows MicroPython's hash table (ints and strings hash as MicroPython's do)
print({3, 1, 2}, {"b", "a", "c", "hello", "x"})
print(set(range(20, 0, -3)), {1.5, 2.5, 0.5, -1.5, 0.1})
s = {5, 9, 13, "q", 2.5}
s.discard(9)
s.add(100)
print(s)
print(s | {7, 8}, s & {5, 13, 99}, s - {5}, s ^ {5, 77})
t = set()
for i in range(30):
    t.add(i * 37 % 101)
print(t)
t.pop()
t.pop()
print(t, len(t))
print({c for c in "hello world"}, frozenset([4, 3, 2]))
u = {1, 2, 3}
u.intersection_update([3, 2, 9])
print(u, u.issubset({2, 3, 4}), {2, 3} < u, u == {3, 2})
