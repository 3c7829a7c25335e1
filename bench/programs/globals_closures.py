# global lookups, closures and builtins
N = 4000000


def make_adder(k):
    def add(x):
        return x + k

    return add


def run():
    add3 = make_adder(3)
    t = 0
    for i in range(N):
        t = add3(t) - len("ab") + abs(-1)
    return t


print(run())
