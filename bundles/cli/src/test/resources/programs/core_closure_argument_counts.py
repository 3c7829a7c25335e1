# A closure called with the wrong number of arguments: the counts include its closed-over variables
def outer():
    a = 1
    def inner(x, y):
        return a + x + y
    return inner
try:
    outer()(1)
except TypeError as e:
    print(e)
try:
    outer()(1, 2, 3)
except TypeError as e:
    print(e)
def g(x, y): pass
try:
    g(1)
except TypeError as e:
    print(e)
