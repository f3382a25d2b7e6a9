package io.trendwatch.batch.cli;

import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.Sessions;

/** Every batch command that writes views first brings the schema up to date. */
final class Migrations {

    private Migrations() {
    }

    static void apply(CassandraSettings cassandra) {
        new SchemaMigrator(Sessions.get(cassandra), cassandra).migrate();
    }
}
