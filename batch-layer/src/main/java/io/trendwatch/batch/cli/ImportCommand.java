package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.FileImporter;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.source.PostFileReader;
import io.trendwatch.core.source.PostFormat;
import me.tongfei.progressbar.ProgressBar;
import org.apache.spark.sql.SparkSession;
import io.trendwatch.store.cli.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trendwatch batch import FILE...}: file exports into the master dataset. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Add posts from file exports to the master dataset: JSON Lines (.jsonl), CSV with a header (.csv), "
                + "SemEval TSV (.tsv/.txt), optionally .gz.",
                "Posts whose id is already stored are skipped, so importing a file again adds nothing."})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import")
    List<Path> files;

    @Option(names = "--format", description = "jsonl, csv or semeval (default: from each file's name)")
    String format;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                System.err.println("cannot read " + f);
                return ExitCodes.BAD_INPUT;
            }
        }
        SparkSession spark = options.spark();
        MasterDataset master = options.master();
        for (Path f : files) {
            PostFormat fmt = FileImporter.formatOf(f, format);
            FileImporter.Result r;
            try (ProgressBar bar = progress.open(f.getFileName().toString(),
                    () -> countRecords(f, fmt), " posts")) {
                r = new FileImporter().importFile(spark, master, f, fmt, n -> {
                    if (bar != null) {
                        bar.stepTo(n);
                    }
                });
            }
            r.firstRejects().forEach((line, why) -> System.err.println(f + ":" + line + ": " + why));
            System.out.printf("%s: %d records, %d posts added, %d already in the master dataset, %d rejected%n",
                    f, r.records(), r.added(), r.duplicates(), r.rejected());
        }
        // rejected lines are reported above; the valid posts around them are imported
        System.out.println("master dataset: " + master.root());
        return 0;
    }

    private static long countRecords(Path file, PostFormat format) {
        try {
            return PostFileReader.countRecords(file, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
