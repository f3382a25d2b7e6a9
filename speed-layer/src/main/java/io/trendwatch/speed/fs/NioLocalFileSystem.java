package io.trendwatch.speed.fs;

import org.apache.hadoop.fs.LocalFileSystem;

/** The checksummed local file system ({@code file:} through the FileSystem API) over {@link NioRawLocalFileSystem}. */
public class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }
}
