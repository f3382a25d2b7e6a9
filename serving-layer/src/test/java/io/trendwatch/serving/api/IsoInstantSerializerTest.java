package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantSerializerTest {

    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper OURS = JACKSON.copy()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new IsoInstantSerializer()));

    @ParameterizedTest
    @ValueSource(strings = {"2016-11-25T12:00:00Z", "1970-01-01T00:00:00Z", "2016-11-25T12:00:00.250Z", "2016-11-25T12:00:00.000000001Z"})
    void writesWhatJacksonWrites(String text) throws Exception {
        Instant t = Instant.parse(text);
        assertThat(OURS.writeValueAsString(t)).isEqualTo(JACKSON.writeValueAsString(t));
        assertThat(OURS.writeValueAsString(t)).as("again, from the cache").isEqualTo(JACKSON.writeValueAsString(t));
    }
}
