def add(a, b=2, *rest, scale=1, **extra):
    return (a + b + sum(rest)) * scale + len(extra)

def counter():
    n = 0
    def step(k=1):
        nonlocal n
        n += k
        return n
    return step

c = counter()
print(add(1), add(1, 3, 4, 5, scale=2, x=1), c(), c(5))
print(list(map(lambda x: x * x, range(5))), [i for i in range(8) if i % 3], {k: k * 2 for k in 'ab'})
print(sorted({3, 1, 2}), tuple(x for x in (1, 2)))
