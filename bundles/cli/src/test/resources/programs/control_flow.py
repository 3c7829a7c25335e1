def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    else:
        return "positive"

for v in [-5, 0, 5]:
    print(v, classify(v))

i = 0
total = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
print("total", total)

for i in range(3):
    pass
else:
    print("loop finished", i)

print(True and 3, 0 or "x", not None)
