package io.trendwatch.viewloader;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SSTableWritingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stagedValuesBecomeTheJavaTypesTheirColumnsBind() throws Exception {
        List<Object> values = SSTableWriting.values(JSON.readTree("[\"#sale\",1767571200000,42,604800,null]"),
                List.of("text", "timestamp", "bigint", "int", "text"));
        assertThat(values).containsExactly("#sale", new Date(1767571200000L), 42L, 604800, null);
    }

    @Test
    void aRowThatDoesNotFitTheInsertIsRefused() throws Exception {
        assertThatThrownBy(() -> SSTableWriting.values(JSON.readTree("[\"#sale\"]"), List.of("text", "bigint")))
                .hasMessageContaining("1 values, the insert 2");
        assertThatThrownBy(() -> SSTableWriting.values(JSON.readTree("[\"x\"]"), List.of("blob")))
                .hasMessageContaining("blob");
    }
}
