package io.trendwatch.store.views;

import com.datastax.oss.driver.api.core.cql.Row;

/** Reading nullable cells of driver rows into typed rows (the driver reads a null bigint as 0). */
final class Rows {

    private Rows() {
    }

    static Long longOrNull(Row r, String column) {
        return r.isNull(column) ? null : r.getLong(column);
    }
}
