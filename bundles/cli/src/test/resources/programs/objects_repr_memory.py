# repr of text escapes everything outside printable ASCII by code point size
for s in ['plain', 'a\uffff', 'a\U0001ffff', '\xe9t\xe9', '\x7f\x00\x1b', '\u1234\u20ac', 'tab\there\nnew\rret',
          "it's", 'both \' and "', 'back\\slash', '\U0001f600!']:
    print(repr(s))
print(['\xa0', ('\u0100',), {'k\xff': '\U00010000'}])
print(str('\xe9') == '\xe9', len(repr('\U0001ffff')))

# classmethod, staticmethod and property objects print as their type name
class Widget:
    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return 1

print(Widget.__dict__['make'], Widget.__dict__['helper'])
print(classmethod(len), staticmethod(len), property(len))
print(repr(classmethod(len)))

# dict.fromkeys is a classmethod that always builds a plain dict
class MyDict(dict):
    pass

print(sorted(dict.fromkeys('ab').items()), dict.fromkeys([1], 0), type(MyDict.fromkeys([3])) is dict)

# help() on built-in types lists their tables in MicroPython's order
help(int)
help(list)
help(tuple)
help(dict)
help(5)

# a repeat count that is not a machine word
for seq in ([1], [], 'ab', (1,)):
    try:
        seq * (2 ** 100)
    except OverflowError as e:
        print('OverflowError', e)
print([1, 2] * 3, 'ab' * 2, [0] * -1, 'x' * 0)

# str compared with objects that expose bytes
print('a' == bytearray(b'a'), bytearray(b'a') == 'a', 'a' != bytearray(b'a'))
print('\xe9' == bytearray('\xe9'.encode()), 'a' == memoryview(b'a'), 'b' == bytearray(b'a'))
