package io.glance.store.filesystem;

import io.glance.store.spi.ConfigKey;
import io.glance.store.toolkit.OptionParser;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The options of one filesystem store, parsed and checked. Option names are those of glance_store, so existing
 * configuration files keep working.
 *
 * @param dataDirectory   where image files live (absolute, normalized)
 * @param filePermissions the permissions given to image files, or empty to keep the process umask's
 * @param chunkSize       the read buffer for downloads, in bytes
 */
record FilesystemStoreConfig(Path dataDirectory, Optional<Set<PosixFilePermission>> filePermissions, int chunkSize) {

    static final String DATADIR = "filesystem_store_datadir";
    static final String FILE_PERM = "filesystem_store_file_perm";
    static final String CHUNK_SIZE = "filesystem_store_chunk_size";

    static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** Bounds a buffer allocated per download; glance_store's own default for other drivers is 4 MiB. */
    static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional(DATADIR, null, "Directory the image files are written to; created when missing. "
                    + "Default: the host's default data directory (glance-api: <data_dir>/images in single-store "
                    + "mode); required where the host names none."),
            ConfigKey.optional(FILE_PERM, null,
                    "Octal permissions for new image files, e.g. 0640; unset or 0 keeps the umask's."),
            ConfigKey.optional(CHUNK_SIZE, Integer.toString(DEFAULT_CHUNK_SIZE),
                    "Read buffer for downloads, in bytes."));

    FilesystemStoreConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(filePermissions, "filePermissions is null");
        filePermissions = filePermissions.map(Set::copyOf);
    }

    /** {@link #parse(String, Map, Optional)} with no default data directory. */
    static FilesystemStoreConfig parse(String storeId, Map<String, String> options) {
        return parse(storeId, options, Optional.empty());
    }

    /**
     * Parses a store's options; unknown keys and unusable values are refused with the key and value named.
     *
     * @param defaultDataDirectory where images go when {@code filesystem_store_datadir} is not given (the host's
     *                             {@code StoreContext.defaultDataDirectory()})
     */
    static FilesystemStoreConfig parse(String storeId, Map<String, String> options,
                                       Optional<Path> defaultDataDirectory) {
        requireNonNull(defaultDataDirectory, "defaultDataDirectory is null");
        OptionParser parsed = OptionParser.of("filesystem", storeId, KEYS, options);
        // A blank data directory is a mistake, not a request for the host's default.
        Optional<String> dataDirectory = options.containsKey(DATADIR) ? parsed.text(DATADIR)
                : defaultDataDirectory.map(Path::toString);
        return new FilesystemStoreConfig(
                dataDirectory(parsed, dataDirectory),
                filePermissions(parsed, parsed.text(FILE_PERM)),
                (int) parsed.number(CHUNK_SIZE, 1, MAX_CHUNK_SIZE));
    }

    private static Path dataDirectory(OptionParser parsed, Optional<String> value) {
        if (value.isEmpty()) {
            throw parsed.bad("option '" + DATADIR + "' is required (the host names no default data directory)");
        }
        try {
            return Path.of(value.get()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw parsed.bad(DATADIR, value.get(), "is not a valid path: " + e.getReason());
        }
    }

    /** Accepts glance_store's forms: {@code 640}, {@code 0640}, {@code 0o640}; {@code 0} means "leave as created". */
    private static Optional<Set<PosixFilePermission>> filePermissions(OptionParser parsed, Optional<String> given) {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String value = given.get();
        String digits = value.toLowerCase(Locale.ROOT);
        if (digits.startsWith("0o")) {
            digits = digits.substring(2);
        }
        int mode;
        try {
            mode = Integer.parseInt(digits, 8);
        } catch (NumberFormatException e) {
            throw parsed.bad(FILE_PERM, value, "is not an octal file mode such as 0640");
        }
        if (mode < 0 || mode > 0777) {
            throw parsed.bad(FILE_PERM, value, "is not an octal file mode between 0 and 0777");
        }
        if (mode == 0) {
            return Optional.empty();
        }
        if ((mode & 0400) == 0) {
            // glance-api itself must read the files back to serve downloads.
            throw parsed.bad(FILE_PERM, value, "does not let the owner read the file (0400)");
        }
        return Optional.of(PosixFilePermissions.fromString(symbolic(mode)));
    }

    private static String symbolic(int mode) {
        String letters = "rwxrwxrwx";
        StringBuilder result = new StringBuilder(9);
        for (int bit = 0; bit < 9; bit++) {
            result.append((mode & (0400 >> bit)) != 0 ? letters.charAt(bit) : '-');
        }
        return result.toString();
    }
}
