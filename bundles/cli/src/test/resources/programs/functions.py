def add(a, b=10):
    return a + b

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print(add(1), add(1, 2), add(b=5, a=1))
print(fact(20), fact(30))
print([fib(i) for i in range(15)])

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c = counter()
c()
c()
print(c())
