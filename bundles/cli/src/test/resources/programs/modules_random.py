# random: MicroPython's generator gives the same sequences for the same seed
import random

for seed in (0, 1, 42, -1, 2**31):
    random.seed(seed)
    print(seed, [random.getrandbits(32) for _ in range(4)], [random.getrandbits(5) for _ in range(6)])
random.seed(7)
print([random.randrange(10) for _ in range(10)])
print([random.randrange(5, 15) for _ in range(10)])
print([random.randrange(100, 0, -7) for _ in range(10)])
print([random.randint(-3, 3) for _ in range(10)])
print("".join(random.choice("abcdef") for _ in range(20)))
print([int(random.random() * 1000000) for _ in range(5)])
print([int(random.uniform(10, 20) * 1000) for _ in range(5)])
print(random.getrandbits(0))
for call in (lambda: random.getrandbits(33), lambda: random.getrandbits(-1), lambda: random.randrange(0),
             lambda: random.randrange(3, 3), lambda: random.randrange(1, 5, 0), lambda: random.randint(5, 1),
             lambda: random.choice([]), lambda: random.choice(3)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, repr(e.args))
