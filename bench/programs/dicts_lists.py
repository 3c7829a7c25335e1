# dict and list operations
def run():
    d = {}
    for i in range(300000):
        d[i % 1000] = d.get(i % 1000, 0) + i
    l = []
    for i in range(300000):
        l.append(i * 2)
    s = 0
    for x in l:
        s += x
    keys = sorted(d.keys())
    return s, len(keys), d[999]


for _ in range(9):
    run()
print(run())
