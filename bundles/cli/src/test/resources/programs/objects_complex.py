# complex numbers: literals, constructor, arithmetic, comparisons and errors

print(1j, 2.5j, -3j, 0j, -0j, 1e20j)
print(1 + 2j, 1.5 - 0j, -(1.5 + 0j), 3 - 4j, 0.1 + 0.2j)
print(complex(), complex(2), complex(2.5), complex(True), complex(1, 2), complex(1j, 2j), complex(1 + 2j))
print(complex(float("nan"), float("inf")), complex(1, float("-inf")), float("inf") * (1 + 1j))

for text in ("j", "-J", "2", "1.5e3j", " -1-2j ", "+1+j", "nanj", "inf", "-infinityj", "1_000j"):
    print(repr(text), complex(text))
for text in ("", "1+2", "1j+2", "1+2j+3", "1 + 2j", "x", "1e"):
    try:
        complex(text)
    except ValueError as e:
        print(repr(text), "ValueError", e)

z = 3 + 4j
print(z.real, z.imag, type(z.real), abs(z), abs(-2j), bool(z), bool(0j))
print(+z, -z, z + 1, 1 + z, z - 2.5, 2.5 - z, z * 2, 2 * z, z * z, z / 2, 2 / 1j, z / (1 - 2j))
print(True + 1j, 1j * True, (1 << 70) * 1j)
acc = 1j
acc += 1
acc *= 2j
acc -= 0.5
acc /= 2
print(acc)

print(1j ** 2 == -1, 0j ** 0, 0j ** 2, 4 ** 0.5 == 2)
for base, exp in ((1j, 2.5), (2, 0.5j), (-8, 1 / 3), (-1.5, 0.5), (1 + 1j, 1 - 1j)):
    r = base ** exp
    print("%.10g %.10g" % (r.real, r.imag))

print(1j == 1j, 1 + 0j == 1, 1 == 1 + 0j, 1.0 == 1 + 0j, 1j != 2j, 1j == "1j", 0j == False)
nan = float("nan") * 1j
print(nan == nan, nan in [nan], nan)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), type(hash(1 + 2j)))
print({1 + 0j: "one"}[1], isinstance(1j, complex), type(2j).__name__)


class Floaty:
    def __float__(self):
        return 2.5


class Complexy:
    def __complex__(self):
        return 1 + 1j


class Adder:
    def __radd__(self, other):
        return "radd"


print(complex(Floaty()), complex(Complexy()), 1j + Adder())

for expr in ("1j < 2j", "1 < 1j", "1.0 >= 1j", "1j // 2", "1j % 2", "~1j", "1 | 1j", "1j + []",
             "1j / 0", "0j ** -1", "0j ** 1j", "complex([])", "complex(1, [])", "complex(1, 2, 3)",
             "complex(real=1)", "int(1j)", "float(1j)", "divmod(1j, 2)"):
    try:
        print(expr, eval(expr))
    except (TypeError, ZeroDivisionError) as e:
        print(expr, type(e).__name__, e)
try:
    (1j).imag = 0
except AttributeError as e:
    print("AttributeError", e)
