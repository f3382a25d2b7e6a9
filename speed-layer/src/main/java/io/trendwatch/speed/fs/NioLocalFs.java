package io.trendwatch.speed.fs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The checksummed local file system through the FileContext API (which Spark's
 * checkpoint logs use) over {@link NioRawLocalFileSystem}: Hadoop's
 * {@code LocalFs} with the raw layer replaced.
 */
public class NioLocalFs extends ChecksumFs {

    public NioLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(uri, conf));
    }

    /** What Hadoop's {@code RawLocalFs} is, over {@link NioRawLocalFileSystem}. */
    static final class Raw extends DelegateToFileSystem {
        Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new NioRawLocalFileSystem(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            // any name is valid on a local file system
            return true;
        }
    }
}
