s = "hello"
t = 'world'
print(s + " " + t)
print(s * 3)
print(len(s), s[0], s[-1], s[1:3])
print("a" < "b", "abc" == "abc")
print(repr("it's"), repr('say "hi"'))
print("x", 1, "y", sep="-", end="!\n")
u = "\u00e9t\u00e9"
print(u, len(u))
