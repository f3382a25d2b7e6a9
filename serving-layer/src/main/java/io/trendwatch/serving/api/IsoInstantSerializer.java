package io.trendwatch.serving.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes instants as ISO-8601 text ({@code 2016-11-25T12:00:00Z}), as Jackson's
 * own serializer does, but reuses the text of bucket starts: a series answer
 * repeats the same few thousand minutes, and formatting each one anew was a
 * large share of what a request allocates.
 */
public final class IsoInstantSerializer extends StdSerializer<Instant> {

    private static final LoadingCache<Instant, String> TEXT = Caffeine.newBuilder().maximumSize(100_000).build(Instant::toString);

    public IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.getNano() == 0 ? TEXT.get(value) : value.toString());
    }
}
