def deco(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper

@deco
def g(a, b=1, *, c, d=4, **rest):
    return a, b, c, d, sorted(rest)

args = (1, 2)
kw = {'c': 3, 'e': 5}
print(g(*args, **kw), g(0, c=1), g(*[7], c=8, z=9))
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return lambda y=x: y + x
    return inner()
print(outer()(), list(range(3)) + list('ab'), {1: 2})
s = 'abcdef'
print(s[1:4], s[-1], max(3, 1, key=lambda v: -v), divmod(7, 2), isinstance(s, (int, str)))
