class Base:
    kind = 'base'
    def __init__(self, v):
        self.v = v
    def show(self):
        return '%s:%d' % (self.kind, self.v)
    @property
    def double(self):
        return self.v * 2

class Child(Base):
    kind = 'child'
    def show(self):
        return super().show() + '!'
    def __add__(self, other):
        return Child(self.v + other.v)
    @staticmethod
    def make():
        return Child(7)

a = Child(2) + Child.make()
print(a.show(), a.double, isinstance(a, Base), getattr(a, 'missing', None))
del a.v
print(hasattr(a, 'v'))
