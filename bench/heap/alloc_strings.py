# allocation-heavy: strings and bytes made and dropped
n = 0
for i in range(800000):
    s = "item-" + str(i)
    b = s.encode()
    n += len(s.upper()) + len(b + b"!")
print(n)
