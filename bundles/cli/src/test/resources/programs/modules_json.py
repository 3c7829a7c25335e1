# json: MicroPython's output format, separators, lenient parsing and its errors
import json
from io import StringIO, BytesIO

print(json.dumps([None, True, False, 0, -7, 2**40, "x", "", [], {}, ()]))
print(json.dumps({"a": [1, (2, 3)], "b": {"c": None}}))
print(json.dumps('quote " backslash \\ tab \t nl \n cr \r bell \x07 del \x7f'))
print(json.dumps("caf\xe9 \u20ac"))
print(json.dumps({1: "int key"}), json.dumps({None: "none key"}), json.dumps({False: 0}), json.dumps({(1, "t"): 0}))
print(json.dumps(b"bytes"))
print(json.dumps([1, {"k": [2]}], separators=(",", ":")))
print(json.dumps([1, {"k": [2]}], separators=[" ; ", " = "]))
print(json.dumps(1.5), json.dumps([0.25, -2.0]))

for sep in (1, (), (",",), (",", ":", "!"), (1, ":"), (",", None)):
    try:
        json.dumps([1], separators=sep)
    except Exception as e:
        print(type(e).__name__, e)
try:
    json.dumps(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps(1, indent=2)
except TypeError as e:
    print("TypeError", e)

s = StringIO()
json.dump({"x": [1, 2]}, s)
json.dump("tail", s, separators=(",", ":"))
print(s.getvalue())
for target in (1, {}, "str"):
    try:
        json.dump(0, target)
    except OSError as e:
        print("OSError", e)


def show(text):
    try:
        v = json.loads(text)
        if isinstance(v, dict):
            v = sorted(v.items())
        print(repr(text), "->", repr(v))
    except ValueError as e:
        print(repr(text), "ValueError", e)


for text in ("null", " true ", "false", "12", "-3", "1.5", "1e3", "-2.5E-1", '"a\\u00e9\\n\\"b"',
             '"\\b\\f\\r\\t\\/"', "[1, [2, [3]]]", '{"a": {"b": [true, null]}}', "[1 2 3]",
             "[1,,2,]", '{"a" 1, "b" 2}', "[", '{"k": 1', "[1}", "", "   ", "]", "[]]", "nul",
             "tru", "01", "-", "1.2.3", "1e", "+1", ".5", '"open', "[1] x", "1 2", '{[1]: 2}',
             '{"a"}', "[{]", "\t[\n1\r]\x0c"):
    show(text)
show(b"[1, 2]")
show(bytearray(b'{"b": "bytes"}'))
try:
    json.loads(5)
except TypeError as e:
    print("TypeError", e)

print(json.load(StringIO('{"from": "StringIO"}')))
print(json.load(BytesIO(b"[1, 2, 3]")))
try:
    json.load(7)
except OSError as e:
    print("OSError", e)
