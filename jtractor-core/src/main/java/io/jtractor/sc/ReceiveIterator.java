package io.jtractor.sc;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Iterates a receive end until {@link EndOfChannel}; used by one task at a time. */
final class ReceiveIterator<T> implements Iterator<T> {

    private final ReceiveChannel<T> source;
    private T next;
    private boolean ended;

    ReceiveIterator(ReceiveChannel<T> source) {
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            next = source.receive();
            return true;
        } catch (EndOfChannel e) {
            ended = true;
            return false;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the channel ended: " + source);
        }
        T value = next;
        next = null;
        return value;
    }
}
