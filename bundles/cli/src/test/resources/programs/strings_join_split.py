# str.join over lists, tuples and other iterables, and str.split with one- and many-character separators
words = "the quick brown fox jumps over the lazy dog".split(" ")
print(words)
print("-".join(words), "".join(words), ", ".join(tuple(words)))
print("+".join(w.upper() for w in words if len(w) > 3))
print("|".join([]), "|".join(()), "|".join(["only"]))
print("::".join(iter(["a", "", "b"])))
print(len(" ".join(["x" * 50] * 40)))
# short and long parts, and text beyond Latin-1 in the parts or the separator
print("é".join(["αβ", "γ" * 3, "x"]), " ".join(["a" * 40, "b", "日本"]), "→".join("abc"))
print(len("·".join(["ω" * 33] * 3)), "".join(["😀", "x"]), ", ".join(str(i) for i in range(12)))
for bad in (["a", 1, "b"], ("a", None), [b"x"]):
    try:
        " ".join(bad)
    except TypeError as e:
        print("TypeError", e)


def counting():
    for i in range(5):
        print("gave", i)
        yield str(i) if i != 2 else i


try:
    ",".join(counting())
except TypeError:
    print("every item was taken before the check")
print("a,b,,c,".split(","), "a,b,,c,".split(",", 2), "abc".split(","))
print("a<->b<->c".split("<->"), "a<->b<->c".split("<->", 1), "<->".split("<->"))
print("x\0y\0z".split("\0"), " a  b ".split(" "), " a  b ".split())
try:
    "abc".split("")
except ValueError as e:
    print("ValueError", e)
