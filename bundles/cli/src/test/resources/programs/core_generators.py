# generator.throw/close/pend_throw and StopIteration values


class Delegate:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def throw(self, x):
        print("delegate got", repr(x))
        return 2


def outer():
    yield from Delegate()


g = outer()
print(next(g))
print(g.throw(123))
print(g.throw(KeyError))
g.close()


class Plain:
    def __iter__(self):
        return self

    def __next__(self):
        return 1


def outer2():
    yield from Plain()


g = outer2()
next(g)
try:
    g.throw(7)
except TypeError:
    print("TypeError for a non-exception")


def counter():
    n = 0
    while True:
        try:
            yield n
        except ValueError as e:
            print("caught", repr(e))
        n += 1


g = counter()
print(next(g), next(g))
print(g.pend_throw(ValueError("a")))
print(repr(g.pend_throw(ValueError("b"))))
print(next(g))
print(repr(g.pend_throw(None)))
print(next(g))

g = counter()
g.pend_throw(OSError(5))
try:
    next(g)
except OSError as e:
    print("unstarted raised", repr(e))


class Stopper:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(42)


for label, make in (("next", lambda: Stopper()), ("enumerate", lambda: enumerate(Stopper())),
                    ("map", lambda: map(abs, Stopper())), ("zip", lambda: zip(Stopper()))):
    try:
        next(make())
    except StopIteration as e:
        print(label, e.args)


def returns(v):
    return v
    yield


try:
    next(returns(9))
except StopIteration as e:
    print("generator", e.args)


def wrapper():
    r = yield from returns(5)
    print("yield from got", r)


for _ in wrapper():
    pass
