# attribute reads, writes and method calls stay right when classes change under them


class A:
    kind = "class"

    def get(self):
        return "A.get"


def read(o):
    return o.kind


def call(o):
    return o.get()


def store(o, v):
    o.value = v


a = A()
for _ in range(3):
    print(read(a), call(a))
a.kind = "instance"
print(read(a))
A.get = lambda self: "replaced"
print(call(a))
a.get = lambda: "instance attribute"
print(call(a))
del a.get
print(call(a))


class B(A):
    pass


b = B()
print(read(b), call(b))


class D:
    kind = "plain"


d = D()
print(read(d))
D.kind = property(lambda self: "property")
print(read(d))


class Logged:
    pass


o = Logged()
store(o, 1)
print(o.value)


def setattr_hook(self, name, value):
    print("set", name, value)


Logged.__setattr__ = setattr_hook
store(o, 2)
print(o.value)


class Slot:
    def __get__(self, obj, cls):
        return "descriptor get"

    def __set__(self, obj, value):
        print("descriptor set", value)


class C:
    pass


c = C()
store(c, 5)
print(c.value)
C.value = Slot()
c2 = C()
store(c2, 6)
print(c2.value)
for item in ([1, 2], "ab", {"k": 1}):
    print(call.__name__, len(item))
    print(item.count(1) if isinstance(item, list) else item)
