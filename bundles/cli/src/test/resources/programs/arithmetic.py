# small ints, growing into big ints, and the integer operators
a = 7
b = 3
print(a + b, a - b, a * b, a // b, a % b, -a // b, -a % b, a ** b)
print(a << 4, a >> 1, a & b, a | b, a ^ b, ~a, -a, +a)
n = 1
for i in range(70):
    n = n * 3
print(n)
print(n // 7, n % 7, -n)
print(2 ** 64 - 1, (2 ** 64) >> 3)
x = 10
x += 5
x *= 2
x -= 1
print(x)
print(1 < 2, 2 <= 1, 3 == 3, 3 != 3, 1 < 2 < 3, 3 > 2 > 2)
