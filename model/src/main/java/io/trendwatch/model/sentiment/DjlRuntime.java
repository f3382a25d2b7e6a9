package io.trendwatch.model.sentiment;

import java.nio.file.Path;

/**
 * The DJL settings every JVM that loads a model needs, applied before the
 * engine starts: never reach for the network (the engine otherwise probes a
 * metadata address), unpack the native libraries outside the build folder,
 * and one intra-op thread (on a busy two-core machine more threads were
 * up to 20x slower). Explicit settings win.
 */
public final class DjlRuntime {

    private DjlRuntime() {
    }

    public static synchronized void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getenv("DJL_CACHE_DIR") == null) {
            setIfAbsent("DJL_CACHE_DIR",
                    Path.of(System.getProperty("user.home"), ".cache", "trendwatch", "djl").toString());
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
