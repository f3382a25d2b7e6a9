package io.trendwatch.core.sentiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByChunkTest {

    @Test
    void readsTheInputAChunkAtATimeAndSkipsChunksThatMakeNothing() {
        List<List<Integer>> chunks = new ArrayList<>();
        // chunks of three; odd numbers but 7 and 9 make output, so the chunks [7, 8, 9] and [10] make nothing
        Iterator<String> out = ByChunk.of(IntStream.rangeClosed(1, 10).boxed().iterator(), in -> {
            List<Integer> read = new ArrayList<>();
            for (int n = 0; n < 3 && in.hasNext(); n++) {
                read.add(in.next());
            }
            chunks.add(read);
            return read.stream().filter(i -> i % 2 == 1 && i != 7 && i != 9).map(i -> "#" + i).toList();
        });

        assertThat(out.next()).isEqualTo("#1");
        assertThat(chunks).as("nothing read beyond the first chunk yet").containsExactly(List.of(1, 2, 3));
        List<String> rest = new ArrayList<>();
        out.forEachRemaining(rest::add);

        assertThat(rest).containsExactly("#3", "#5");
        assertThat(chunks).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9), List.of(10));
        assertThat(out.hasNext()).isFalse();
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }
}
