package io.jtractor.internal.discovery;

import io.jtractor.ActorId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The private folder that holds an actor tree's Unix domain socket files (SPEC W1): owned by
 * the user, mode 0700, so that no other user can connect to the actors. By default
 * {@code $XDG_RUNTIME_DIR/jtractor}, else {@code /tmp/jtractor-UID}; the system property
 * {@value #PROPERTY} or {@code RootOptions.withRuntimeDir} choose another.
 */
public final class RuntimeDir {

    /** The system property naming the folder. */
    public static final String PROPERTY = "jtractor.runtime.dir";

    /** The longest socket path Linux accepts ({@code sun_path} holds 108 bytes with its NUL). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rwx------");

    private RuntimeDir() {
    }

    /** The folder used when none is configured. */
    public static Path defaultDir() {
        var configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        var xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "jtractor");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "jtractor-" + currentUid());
    }

    /**
     * Creates the folder (mode 0700) if it does not exist, and checks that it is a real folder
     * owned by this user with no access for anyone else; a folder of this user with wider
     * permissions is narrowed to 0700.
     *
     * @return {@code dir}
     * @throws IllegalStateException if the folder is a link, not a folder, or owned by another
     *     user
     * @throws UncheckedIOException if it cannot be created or inspected
     */
    public static Path ensure(Path dir) {
        try {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException exists) {
                // Checked below like a folder we created.
            }
            if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("the runtime folder " + dir
                        + " is not a folder (or is a symbolic link): refusing to put socket"
                        + " files there");
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (owner != currentUid()) {
                throw new IllegalStateException("the runtime folder " + dir + " is owned by uid "
                        + owner + ", not by this user (uid " + currentUid() + "): refusing to"
                        + " put socket files there");
            }
            if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                    .equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the runtime folder " + dir + ": " + e,
                    e);
        }
    }

    /**
     * The socket file of actor {@code id} in {@code dir}: its name (letters, digits, dots,
     * dashes and underscores kept), then the start of its uuid.
     *
     * @throws IllegalArgumentException if the path would exceed the 107 bytes a socket path
     *     may have
     */
    public static Path socketPath(Path dir, ActorId id) {
        var name = id.name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 32) {
            name = name.substring(0, 32);
        }
        var path = dir.resolve(name + "-" + id.uuid().substring(0, 8) + ".sock");
        checkLength(path);
        return path;
    }

    /**
     * Checks that {@code path} fits in a socket address.
     *
     * @throws IllegalArgumentException if it is longer than 107 bytes
     */
    static void checkLength(Path path) {
        int bytes = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("the socket path " + path + " is " + bytes
                    + " bytes long; Unix domain socket paths may have at most "
                    + MAX_SOCKET_PATH_BYTES + ": choose a shorter runtime folder");
        }
    }

    /** The numeric user id of this process. */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return (Integer) Files.getAttribute(Path.of(System.getProperty("user.home")),
                        "unix:uid");
            } catch (IOException | RuntimeException again) {
                throw new IllegalStateException("cannot tell this process's user id: " + e,
                        again);
            }
        }
    }
}
