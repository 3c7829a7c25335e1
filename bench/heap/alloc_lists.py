# allocation-heavy: short-lived lists, tuples and dicts, several heaps' worth
t = 0
for i in range(1200000):
    l = [i, i + 1, i + 2]
    p = (i, l)
    d = {"a": i, "b": p}
    t += len(l) + len(d) + p[0] % 3
print(t)
