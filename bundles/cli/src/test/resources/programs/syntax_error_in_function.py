print("never printed: the module does not compile")

def outer():
    def inner():
        nonlocal missing
    return inner
