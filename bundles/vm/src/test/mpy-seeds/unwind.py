class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print('exit', t is not None)
        return t is KeyError

def f(n):
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            with Ctx():
                if i == 2:
                    raise KeyError(i)
        finally:
            print('fin', i)
    while True:
        try:
            try:
                return n
            finally:
                n += 1
        except Exception:
            pass

print(f(5))
for x in [1, 2]:
    with Ctx() as c:
        try:
            raise ValueError
        except ValueError as e:
            del e
            break
