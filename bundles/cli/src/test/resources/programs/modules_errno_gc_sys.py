# errno, gc, sys and micropython: names, fixed tables and MicroPython's module rules
import errno, gc, sys, micropython

print(errno.ENOENT, errno.EIO, errno.EINVAL, errno.errorcode[errno.EACCES], len(errno.errorcode))
print(str(OSError(errno.ENOENT)), str(OSError(errno.EEXIST, "exists")), str(OSError(4242)), repr(OSError(2)))
for change in (lambda: errno.errorcode.pop(1), lambda: errno.errorcode.update({}), lambda: errno.errorcode.clear()):
    try:
        change()
    except TypeError as e:
        print("TypeError", repr(e))
try:
    errno.errorcode[1] = "x"
except TypeError:
    print("TypeError on store")
print(type(errno.errorcode), errno.errorcode.copy() == errno.errorcode)

print(gc.isenabled(), gc.disable(), gc.isenabled(), gc.enable(), gc.isenabled())
gc.collect()
print(type(gc.mem_free()), type(gc.mem_alloc()), gc.mem_free() >= 0)
print(gc.threshold(100), gc.threshold(), gc.threshold(-5), gc.threshold())

for module, name in ((sys, "x"), (gc, "collect"), (errno, "EIO"), (micropython, "y")):
    try:
        setattr(module, name, 1)
    except AttributeError as e:
        print("AttributeError", e)
sys.ps1 = "$ "
print(sys.ps1, sys.ps2, sys.maxsize > 2**30, sys.implementation.name, sys.implementation.version[:2])
print(sys.stdout.buffer, type(sys.stderr.buffer), sys.stdin.buffer, sys.stdout.fileno())
print(sys.stdout.buffer.write(b"raw bytes\n"))
print(hasattr(sys, "getsizeof"), hasattr(sys, "tracebacklimit"), hasattr(sys, "intern"))

print(micropython.opt_level())
micropython.opt_level(1)
print(micropython.opt_level())
micropython.heap_lock()
micropython.heap_lock()
print(micropython.heap_unlock(), micropython.heap_unlock())
print(micropython.const(7))

import ucollections, uio, uerrno, usys
print(ucollections, uio, uerrno, usys)
for name in ("ugc", "umicropython", "nosuchmodule"):
    try:
        __import__(name)
    except ImportError as e:
        print("ImportError", e)
