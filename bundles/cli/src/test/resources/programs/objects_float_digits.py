# float repr, %-formatting, format() and parsing with MicroPython's own digits
values = [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1.5e-7, 123456.789, 1e100, 2.5e-300, 3.14159265358979,
          100.0, -0.0, 0.5, 1.5, 2.5, 1e22, 12345678901234567890.0, 9.87654321e-5]
for v in values:
    print(repr(v), str(v), "%e" % v, "%f" % v, "%g" % v, "%.3e" % v, "%.10f" % v, "%.15g" % v)
    print("{:.2e} {:12.4f} {:+g} {:.1%} {:010.3f} {:}".format(v, v, v, v, v, v))
print("%.0f %.0f %.0f %.0f" % (0.5, 1.5, 2.5, -0.5))
print("%.1g %.2g %.1f" % (-9.9, 99.9, 0.95))
print("%.3f" % 1e35, "%.20f" % 0.1, "%.25e" % 2.5, "{:.30g}".format(0.1))
print("%5.1f|%-8.2e|%08.3f|% .2f|%+.0e" % (3.14159, 2.5, -1.5, 2.0, 12345.0))
texts = ["1.5", "-2.25e3", ".5", "5.", "1_000.25", "1e-5", "  42  ", "inf", "-Infinity", "nan",
         "0.30000000000000004", "1" + "0" * 30, "0." + "0" * 30 + "1", "9" * 40 + "e-40"]
for t in texts:
    print(repr(t), float(t))
for t in ["", "1e", "1.2.3", "abc", "1e5x", "--1", "0x10", "1j"]:
    try:
        float(t)
    except ValueError as e:
        print(repr(t), e)
print(1e23, 1e-5, 0.1 + 0.2, 1.1 * 3, 2.675, 1e308 * 10, -1e308 * 10)
print(float(2 ** 80), float(-(2 ** 70) + 1), 2 ** 100 / 3, 10 ** 30 / 10 ** 10)
