# exec, eval and compile: namespaces, argument checks, buffers
x = 10
exec("print(x)")
exec("print(x)", None)
exec("print(x)", {"x": 1}, None)
exec("print(x)", None, {"x": 2})
d = {}
exec("y = 3", d)
print(d["y"])
for bad in (("print(1)", "g"), ("print(1)", None, 5)):
    try:
        exec(*bad)
    except TypeError:
        print("TypeError")
print(eval("x * 2"))
print(eval(bytearray(b"1 + 2")))
exec(memoryview(b"print('from memoryview')"))
code = compile("x + 1", "f", "eval")
print(eval(code), eval(code, {"x": 100}))
try:
    compile("1", "f", "nonsense")
except ValueError as e:
    print("ValueError", e)
try:
    exec(compile("undefined_name", "f", "exec"))
except NameError:
    print("NameError")
try:
    eval(123)
except TypeError:
    print("TypeError for a non-string")
