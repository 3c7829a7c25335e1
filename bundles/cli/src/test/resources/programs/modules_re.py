# re: MicroPython's re1.5 syntax and matching, match objects, split and sub
import re


def groups(m):
    if m is None:
        return None
    out = []
    i = 0
    while True:
        try:
            out.append(m.group(i))
        except IndexError:
            return out
        i += 1


cases = [
    ("a+b", "aaab"), ("a+?", "aaa"), ("a*?b", "aab"), ("a??b", "ab"), ("(ab)+", "ababx"),
    ("(a|b)*c", "abbac"), ("x|y|z", "z"), ("^ab|cd$", "xcd"), ("[a-c]+", "abcd"), ("[^a-c]+", "xyzab"),
    ("[-a]+", "-a-b"), ("[a-]+", "a--b"), (r"[\d\s]+", "1 2 x"), (r"\w+\W+\w+", "ab, cd"),
    (r"\D+", "ab1"), (r"\S+", "ab cd"), (r"a\.b", "a.b"), (r"\(\)", "()"), ("a.c", "abc"),
    ("(a)(b)?(c)", "ac"), ("(?:ab)(c)", "abc"), ("((a)(b))", "ab"), ("", "abc"), ("$", ""),
    ("a{2}", "a{2}"), ("[]a]", "]"), (r"\n", "n"), ("[.]", "x"), ("[a\\]]+", "a]a"),
]
for pattern, text in cases:
    print(repr(pattern), repr(text), groups(re.match(pattern, text)), groups(re.search(pattern, "--" + text)))

for bad in ("*", "a**", "+a", "?", "(", ")", "(a", "a)", "[a", "[", "a\\", "a|*", "(?P<n>a)", "[" + "x" * 200 + "]",
            "(a)" * 70, "(" + "a" * 70 + ")*", "x" * 130 + "|y"):
    try:
        re.compile(bad)
        print(repr(bad[:20]), "ok")
    except ValueError as e:
        print(repr(bad[:20]), "ValueError", e)

# the compiled form keeps counts and jumps in one signed byte
for size, pattern in ((127, "[" + "x" * 127 + "]"), (128, "[" + "x" * 128 + "]"), (63, "(a)" * 63),
                      (64, "(a)" * 64), (61, "(" + "a" * 61 + ")?"), (62, "(" + "a" * 62 + ")?"),
                      (59, "(" + "a" * 59 + ")*"), (60, "(" + "a" * 60 + ")*"), (62, "b" * 62 + "|a"),
                      (63, "b" * 63 + "|a")):
    try:
        re.compile(pattern)
        print(size, "ok")
    except ValueError:
        print(size, "error")

print(groups(re.match(b"[a-z]+", b"bytes!")))
print(groups(re.compile("b+").search("abbbc")))
print(re.compile("x").match("y"), re.match("y", "y"))
r = re.compile(" +")
print(r.split("a b   c  d"), r.split("a b   c", 1), r.split(" lead"), r.split(b"x y"))
print(re.compile("x*").split("axbc"), re.compile("[0-9]+").split("a1b22c333"))
try:
    re.compile("(,)").split("a,b")
except NotImplementedError as e:
    print("NotImplementedError", e)

print(re.sub("a", "b", "banana"), re.sub("a", "b", "banana", 2))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@host and ann@box"))
print(re.sub("(a)(x)?", r"[\g<1>|\2]", "abab"))
print(re.sub("n", lambda m: m.group(0).upper(), "banana"))
print(re.sub("q", "z", "no match"), re.sub(b"a", b"o", b"banana"))
print(re.sub("b", "\\\\", "abc"), re.sub("b", "\\x", "abc"))
print(re.sub("^a", "-", "aaa"), re.sub("a|^b", "-", "bab"))
try:
    re.sub("(a)", r"\3", "a")
except IndexError as e:
    print("IndexError", e)
for call in (lambda: re.match(1, "a"), lambda: re.match("a", 1), lambda: re.match("a", "a").group("x"),
             lambda: re.match("a", "a").group(5)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(re.match("a", "a"))
