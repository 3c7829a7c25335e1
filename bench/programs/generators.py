# generators and comprehensions
def squares(n):
    for i in range(n):
        yield i * i


def run():
    total = sum(squares(1000000))
    evens = [x for x in range(1000000) if x % 2 == 0]
    return total, len(evens)


for _ in range(4):
    run()
print(run())
