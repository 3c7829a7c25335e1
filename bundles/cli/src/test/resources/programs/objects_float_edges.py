# float floor division, modulo and powers at their edge cases

for x, y in ((1.0, -1.0), (-1.0, 1.0), (3.0, -1.5), (-0.0, 2.0), (0.0, -2.0), (-1.25, 0.5), (-13 / 6, 1 / 6), (7.5, 2.0)):
    div, mod = divmod(x, y)
    print(x // y, x % y, div, mod, "%.3f %.3f" % (x // y, x % y))

inf = float("inf")
nan = float("nan")
print(1.0 ** nan, nan ** 0, (-1) ** inf, (-1.0) ** -inf, 1 ** nan, 2.0 ** -inf, nan ** 1)
print(nan == nan, nan != nan, nan in [nan], [nan] == [nan], inf == inf)
print(float(bytearray(b"3.25")), "%f" % -0.0, "%.2f" % -0.001)


class Tenth:
    def __float__(self):
        return 0.1


class NotAFloat:
    def __float__(self):
        return 6


print(float(Tenth()), "%.2f" % Tenth(), 1.5 + Tenth(), complex(Tenth()))
for convert in (float, complex, lambda x: "%f" % x, lambda x: 1.5 * x):
    try:
        print(convert(NotAFloat()))
    except TypeError as e:
        print("TypeError", e)
