package io.jtractor.internal.ipc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Unix domain socket address: the socket file {@code file} in the folder {@code dir}.
 *
 * <p>The unnamed address of a connecting client socket is {@code UdsAddr("", "")}.
 *
 * @param dir the folder holding the socket file
 * @param file the socket file's name
 */
public record UdsAddr(String dir, String file) implements Addr {

    /** Checks both parts are present. */
    public UdsAddr {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(file, "file");
    }

    /** Returns the address of the socket file {@code path}; an empty path is unnamed. */
    public static UdsAddr of(Path path) {
        Path parent = path.getParent();
        Path name = path.getFileName();
        return new UdsAddr(parent == null ? "" : parent.toString(),
                name == null ? "" : name.toString());
    }

    /**
     * Parses a socket file path, {@code /dir/file}.
     *
     * @throws IllegalArgumentException if the text names no file
     */
    public static UdsAddr parse(String text) {
        var addr = of(Path.of(text));
        if (addr.file.isEmpty()) {
            throw new IllegalArgumentException("expected a socket file path, found \"" + text
                    + "\"");
        }
        return addr;
    }

    /** Returns the socket file's path. */
    public Path path() {
        return Path.of(dir, file);
    }

    @Override
    public List<Object> toWire() {
        return List.of(dir, file);
    }

    /** Returns the socket file's path as text. */
    @Override
    public String toString() {
        return path().toString();
    }
}
