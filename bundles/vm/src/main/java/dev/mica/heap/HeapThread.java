package dev.mica.heap;

/**
 * A thread that runs Python code of one interpreter and carries that interpreter's account, so
 * that {@link HeapAccount#current()} is a type test and a field read rather than a map lookup.
 */
public class HeapThread extends Thread {
    private final HeapAccount account;

    public HeapThread(HeapAccount account, Runnable body, String name, long stackSize) {
        super(null, body, name, stackSize);
        this.account = account;
    }

    public final HeapAccount account() {
        return account;
    }
}
