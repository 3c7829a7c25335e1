# classes: metaclasses, bases that can't be derived from, super() checks, object.__new__,
# __ne__/__eq__ on either side, __dir__, hashability of built-in types
class Meta(type):
    def describe(cls):
        return "class " + cls.__name__
made = Meta("Made", (), {"x": 1})
print(type(made), made, made.x, made.describe(), not made, isinstance(made, type))
def function():
    pass
for bases in [(type(function),), (type, tuple)]:
    try:
        type("Bad", bases, {})
    except TypeError as e:
        print("TypeError", e)
for args in [(str, 0), (str, int)]:
    try:
        super(*args)
    except TypeError:
        print("TypeError")
class Plain:
    def __init__(self):
        self.ready = True
p = object.__new__(Plain)
print(hasattr(p, "ready"), isinstance(p, Plain))
for cls in (1, int):
    try:
        object.__new__(cls)
    except TypeError as e:
        print("TypeError", e)
class NotEqual:
    def __ne__(self, other):
        return "ne called"
class Equal:
    def __eq__(self, other):
        return 7
print(None != NotEqual(), NotEqual() != None, None == Equal(), None != Equal())
class Listed:
    def __dir__(self):
        return ["one", "two"]
print(dir(Listed()))
class Setter:
    def __setattr__(self, name, value):
        print("set", name)
s = Setter()
s.a = 1
super(Setter, s).__setattr__("b", 2)
print(s.b)
for value in ([], {}, {1}, {}.keys(), {}.items()):
    try:
        hash(value)
    except TypeError as e:
        print("TypeError", e)
print(type(hash({}.values())), hash(frozenset()) == hash(frozenset()))
