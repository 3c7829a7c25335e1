# str.format and % formatting: MicroPython's rules and error messages
tests = [
    "'{:06s}'.format('ab')", "'{:>06s}'.format('ab')", "'{:10}'.format(1.23456789)", "'{:,x}'.format(1234567)",
    "'{:5}'.format(True)", "'{:#010x}'.format(255)", "'{!r:>6}'.format('a')", "'{0}{1}{0}'.format('x', 'y')",
    "'{0:=}'.format('zzz')", "'{!'.format('a')", "'abc{!d}'.format('1')", "'{abc'.format('z')", "'{!s :}'.format(2)",
    "'{}{0}'.format(1, 2)", "'{0}{}'.format(1)", "'{0:+s}'.format('1')", "'{0:+c}'.format(1)", "'{0:s}'.format(1)",
    "'{:_}'.format(5)", "'{0[1]}'.format([1, 2])", "'{:10}'.format(None)", "'{:{}}'.format(5, 4)",
    "'%d %s' % (3, 'x')", "'%s' % {}", "'%(a)s-%(b)d' % {'a': 1, 'b': 2}", "'%s %(a)s' % {'a': 1}",
    "'%(a)s %s' % {'a': 1}", "'%*s' % 5", "'%(a' % {'a': 1}", "'=%s=%s=' % 1", "'%c' % 'ab'", "'%l' % 1",
    "'%5.2f|%-5d|%05d' % (3.14159, 7, -42)", "b'%s' % b'raw'",
]
for t in tests:
    try:
        print(t, "->", repr(eval(t)))
    except Exception as e:
        print(t, "->", type(e).__name__, e)
class A:
    def __int__(self):
        return 123
print("%d %x" % (A(), A()))
print("a\rb\r\nc\n".splitlines(keepends=True), "a\rb\r\nc\n".splitlines())
s = "abc"
print(s.strip() is s, " abc ".strip())
