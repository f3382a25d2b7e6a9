package io.trendwatch.viewloader;

import com.datastax.driver.core.PlainTextAuthProvider;

/**
 * sstableloader's login ({@code --auth-provider}) from TRENDWATCH_CASSANDRA_USERNAME and
 * TRENDWATCH_CASSANDRA_PASSWORD, so that the password never stands on a command line other users can list.
 */
public final class EnvironmentLogin extends PlainTextAuthProvider {

    public EnvironmentLogin() {
        super(System.getenv("TRENDWATCH_CASSANDRA_USERNAME"), System.getenv("TRENDWATCH_CASSANDRA_PASSWORD"));
    }
}
