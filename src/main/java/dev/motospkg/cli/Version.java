package dev.motospkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar at build time. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/motospkg/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"motospkg " + p.getProperty("version", "unknown")};
    }
}
