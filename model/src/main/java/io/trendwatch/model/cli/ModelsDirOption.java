package io.trendwatch.model.cli;

import io.trendwatch.model.registry.ModelsDir;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --models-dir}, as every command that writes or reads model artifacts takes it: a picocli mixin. */
public final class ModelsDirOption {

    @Option(names = "--models-dir", description = "Model artifacts folder (default: $TRENDWATCH_MODELS or $TRENDWATCH_HOME/models)")
    Path modelsDir;

    public ModelsDir models() {
        return modelsDir != null ? new ModelsDir(modelsDir) : ModelsDir.fromEnvironment(System.getenv());
    }
}
