package io.trendwatch.batch.cli;

import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.core.config.LocalFolders;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code --view-load driver|sstable}: how a recompute's count rows and examples reach Cassandra. */
public final class ViewLoadOption {

    @Option(names = "--view-load", defaultValue = "driver", description = "How the count rows and examples reach "
            + "Cassandra: driver (upserts from the executors) or sstable (SSTables built by $TRENDWATCH_VIEW_LOADER, "
            + "bin/view-loader, from rows staged under $TRENDWATCH_HOME/stage, and streamed to the nodes that own them; "
            + "the nodes' internode port from $TRENDWATCH_CASSANDRA_STORAGE_PORT, default 7000) "
            + "(default: ${DEFAULT-VALUE})")
    String method;

    /** The load chosen; a name other than driver or sstable is bad input. */
    public ViewLoad viewLoad() {
        return of(method, System.getenv());
    }

    /** {@code method} (driver or sstable) with the loader, stage and storage port from {@code env}. */
    public static ViewLoad of(String method, Map<String, String> env) {
        return switch (method) {
            case "driver" -> ViewLoad.DRIVER;
            case "sstable" -> {
                String loader = env.get("TRENDWATCH_VIEW_LOADER");
                if (loader == null || loader.isBlank()) {
                    throw new IllegalArgumentException("--view-load sstable needs TRENDWATCH_VIEW_LOADER, the path of "
                            + "bin/view-loader (bin/trendwatch sets it)");
                }
                String port = env.getOrDefault("TRENDWATCH_CASSANDRA_STORAGE_PORT", "7000");
                try {
                    yield new ViewLoad.SSTables(Path.of(loader), LocalFolders.home(env).resolve("stage"), Integer.parseInt(port));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("TRENDWATCH_CASSANDRA_STORAGE_PORT must be a port number, got '" + port + "'");
                }
            }
            default -> throw new IllegalArgumentException("--view-load must be driver or sstable, got '" + method + "'");
        };
    }
}
