# micropython.schedule: callbacks run soon, in order, never nested; the queue is bounded
import micropython

done = 0


def record(arg):
    global done
    print("callback", arg)
    done += 1


micropython.schedule(record, "a")
micropython.schedule(record, "b")
while done < 2:
    pass


def outer(arg):
    global done
    micropython.schedule(record, "inner")
    for i in range(3):
        pass
    print("outer finished")
    done += 1


done = 0
micropython.schedule(outer, None)
while done < 2:
    pass


def flood(arg):
    global done
    try:
        for i in range(10):
            micropython.schedule(lambda x: None, None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    done = True


done = False
micropython.schedule(flood, None)
while not done:
    pass
