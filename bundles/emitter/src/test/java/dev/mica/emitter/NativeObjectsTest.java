package dev.mica.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Compiled code's object fast paths give what the general ways give: method sites that see
 * several classes, class calls that make an instance and run its __init__, attributes of
 * modules, list and tuple subscripts, for loops over lists, tuples and ranges, sets that grow,
 * and special methods added to a class after use. The expected output is MicroPython's.
 */
class NativeObjectsTest {
    private static final String PROGRAM = """
                import struct
                class Sphere:
                    def hit(self):
                        return 'sphere'
                class Plane:
                    def hit(self):
                        return 'plane'
                class Disc(Plane):
                    pass
                class Box:
                    hit = 'not callable'
                @micropython.native
                def hits(objs):
                    out = []
                    for o in objs:
                        out.append(o.hit() if not isinstance(o, Box) else o.hit)
                    return out
                objs = [Sphere(), Plane(), Disc(), Box(), Sphere()]
                print(hits(objs))
                Plane.hit = lambda self: 'plane2'
                print(hits(objs))
                objs[0].hit = lambda: 'own'
                print(hits(objs))
                class Vec:
                    def __init__(self, x, y=0, z=0):
                        self.x = x
                        self.y = y
                        self.z = z
                    def __add__(self, o):
                        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)
                class Bad:
                    def __init__(self):
                        return 1
                class WithNew:
                    def __new__(cls, a):
                        return 'from new %d' % a
                    def __init__(self, a):
                        print('never')
                class NoInit:
                    pass
                class Counted(list):
                    def __init__(self, a, b):
                        super().__init__()
                        self.append(a + b)
                @micropython.native
                def make():
                    v = Vec(1, 2, 3) + Vec(4)
                    r = [v.x, v.y, v.z, WithNew(5), type(NoInit()).__name__, Counted(2, 3)]
                    try:
                        Bad()
                    except TypeError as e:
                        r.append(str(e))
                    try:
                        Vec()
                    except TypeError as e:
                        r.append('TypeError')
                    try:
                        NoInit(1)
                    except TypeError as e:
                        r.append('TypeError2')
                    return r
                print(make())
                Vec.__init__ = lambda self, x, y=9, z=9: setattr(self, 'x', x) or setattr(self, 'y', y) or setattr(self, 'z', z)
                print(make()[:3])
                @micropython.native
                def mod_attrs(m):
                    return m.calcsize('<hi'), m.pack('<h', 1), m.unpack('<h', b'\\x02\\x00')
                class FakeModule:
                    def calcsize(self, f):
                        return 'fake'
                    def pack(self, f, x):
                        return 'fpack'
                    unpack = 'not callable'
                print(mod_attrs(struct))
                try:
                    print(mod_attrs(FakeModule()))
                except TypeError:
                    print('TypeError')
                print(mod_attrs(struct))
                @micropython.native
                def seqs(l, t):
                    l[-1] = l[0] + l[-2]
                    r = [l[-1], t[-1], t[0], l[True]]
                    for bad in (5, -6):
                        try:
                            t[bad]
                        except IndexError as e:
                            r.append(str(e))
                        try:
                            l[bad] = 0
                        except IndexError as e:
                            r.append(str(e))
                    return r
                print(seqs([1, 2, 3, 4, 5], (6, 7, 8)))
                @micropython.native
                def loops(l):
                    out = []
                    for x in l:
                        if len(l) < 6:
                            l.append(x * 10)
                        out.append(x)
                    for x in (1, 2):
                        out.append(x)
                    for x in range(10, 0, -3):
                        out.append(x)
                    return out
                print(loops([1, 2, 3]))
                @micropython.native
                def sets(n):
                    return set(i * 3 for i in range(n)), len(set(i % 5 for i in range(n))), {1, 2} | set(range(9))
                print(sets(30))
                class Late:
                    pass
                @micropython.native
                def late_add(a, b):
                    try:
                        return a + b
                    except TypeError:
                        return 'no add'
                print(late_add(Late(), Late()))
                Late.__add__ = lambda self, o: 'added'
                print(late_add(Late(), Late()))
                """;

    private static final String EXPECTED = """
                ['sphere', 'plane', 'plane', 'not callable', 'sphere']
                ['sphere', 'plane2', 'plane2', 'not callable', 'sphere']
                ['own', 'plane2', 'plane2', 'not callable', 'sphere']
                [5, 2, 3, 'from new 5', 'NoInit', [5], "__init__() should return None, not 'int'", 'TypeError']
                [5, 11, 12]
                (6, b'\\x01\\x00', (2,))
                TypeError
                (6, b'\\x01\\x00', (2,))
                [5, 8, 6, 2, 'tuple index out of range', 'list index out of range', 'tuple index out of range', 'list index out of range']
                [1, 2, 3, 10, 20, 30, 1, 2, 10, 7, 4, 1]
                ({0, 75, 39, 3, 78, 42, 6, 81, 45, 9, 84, 48, 12, 87, 51, 15, 54, 18, 57, 21, 60, 24, 63, 27, 66, 30, 69, 33, 72, 36}, 5, {0, 1, 2, 3, 4, 5, 6, 7, 8})
                no add
                added
                """;

    @Test
    void compiledObjectsBehaveAsMicroPython() {
        assertEquals(EXPECTED, PythonRun.output(PROGRAM));
    }

    @Test
    void bytecodeSharesTheCachesWithTheSameResults() {
        assertEquals(EXPECTED, PythonRun.output(PROGRAM.replace("@micropython.native\n", "")));
    }
}
