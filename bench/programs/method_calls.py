# method calls and attribute access on instances
class Counter:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n
        return self


def run():
    c = Counter()
    for i in range(2000000):
        c.add(i)
    return c.count


print(run())
