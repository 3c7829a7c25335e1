def gen(n):
    for i in range(n):
        x = yield i
        if x:
            yield x

def outer():
    yield from gen(3)
    return 'done'

g = gen(4)
print(next(g), g.send(None), g.send('s'), list(g))
print(list(outer()))
async def co():
    return 1
try:
    co().send(None)
except StopIteration as s:
    print('stop', s.value)
print(*(x * 2 for x in range(3)))
