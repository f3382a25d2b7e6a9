package io.trendwatch.core.sentiment;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's records turned into output a chunk at a time: {@code chunk} reads what it needs from the input (a
 * labelling chunk of {@link SentimentScorer#CHUNK} posts, or more) and returns what it makes of them, so the scorer
 * labels many posts per call and a partition is never held whole. Both layers read their partitions through it.
 */
public final class ByChunk<I, O> implements Iterator<O> {

    private final Iterator<I> input;
    private final Function<Iterator<I>, List<O>> chunk;
    private Iterator<O> current = Collections.emptyIterator();

    private ByChunk(Iterator<I> input, Function<Iterator<I>, List<O>> chunk) {
        this.input = input;
        this.chunk = chunk;
    }

    public static <I, O> Iterator<O> of(Iterator<I> input, Function<Iterator<I>, List<O>> chunk) {
        return new ByChunk<>(input, chunk);
    }

    @Override
    public boolean hasNext() {
        // a chunk may make nothing (every record rejected): read on until one does or the input ends
        while (!current.hasNext() && input.hasNext()) {
            current = chunk.apply(input).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
