package io.trendwatch.speed.fs;

import org.apache.hadoop.fs.LocalFileSystem;

/** The checksummed local file system ({@code file:} through the FileSystem API) over {@link ForklessRawLocalFileSystem}. */
public class ForklessLocalFileSystem extends LocalFileSystem {

    public ForklessLocalFileSystem() {
        super(new ForklessRawLocalFileSystem());
    }
}
