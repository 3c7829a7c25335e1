total = 0
i = 0
while i < 20:
    i += 1
    if i % 2 == 0:
        continue
    if i > 15:
        break
    for j in range(3):
        total += i * j
else:
    total = -1
try:
    1 // 0
except ZeroDivisionError as e:
    print('zero', e)
finally:
    print('finally', total)
try:
    raise ValueError('v')
except (TypeError, ValueError):
    pass
with open('fuzz-out.txt', 'w') as f:
    f.write('x')
print(total, i, not i, -i, ~i, i is None, i in (1, 2), 3 if total else 4)
