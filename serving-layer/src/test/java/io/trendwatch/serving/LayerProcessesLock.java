package io.trendwatch.serving;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Held, from before their application starts to after it stops, by the test classes that run the layers' own (Spark)
 * processes. The suite runs two test classes at a time, each in a JVM of its own (serving-layer/pom.xml); this lock on a
 * file, which both JVMs see, lets one such class run at a time, so on two cores it has at most a lighter class beside
 * it. Declare it before {@code DropwizardExtensionsSupport}: extensions run in the order they are declared.
 */
public final class LayerProcessesLock implements BeforeAllCallback {

    private static final Path FILE = TestApps.ROOT.resolve("serving-layer/target/layer-processes.lock");

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(FILE.getParent());
        FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();   // waits while the other JVM holds it
        // closed, and so released, once the class's after-all callbacks (the application's stop) have run
        context.getStore(ExtensionContext.Namespace.create(LayerProcessesLock.class))
                .put(FileChannel.class, (ExtensionContext.Store.CloseableResource) channel::close);
    }
}
