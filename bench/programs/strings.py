# string building, formatting and slicing
def run():
    parts = []
    for i in range(200000):
        s = "item%d" % i
        parts.append(s[:4] + str(i % 10))
    text = ",".join(parts)
    return len(text), text.count("item5")


print(run())
