package org.geomloss.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a command reads and the files it writes, checked before any work is done: an output
 * must not be the same file as any input, and two outputs must not be the same file. "The same
 * file" is decided however the files are named: {@code x.npy} and {@code ./x.npy}, a symbolic link
 * and its target, two hard links (same file key, {@link Files#isSameFile}); for files that do not
 * exist yet, the real path of their folder and their name.
 *
 * <p>A refusal is an {@link IllegalArgumentException} naming both options and both paths (the tool
 * exits with code 2). Not thread-safe: one instance per command run.
 */
final class FileRoles {

    private record Role(String option, Path file) {

        @Override
        public String toString() {
            return option + " " + file;
        }
    }

    /** Symbolic links followed before giving up, as Linux's {@code ELOOP}. */
    private static final int MAX_LINKS = 40;

    private final List<Role> inputs = new ArrayList<>();
    private final List<Role> outputs = new ArrayList<>();

    /** Records that the command reads {@code file} (given by {@code option}); {@code null}: none. */
    FileRoles input(String option, Path file) {
        if (file != null) {
            inputs.add(new Role(option, file));
        }
        return this;
    }

    /** Records that the command writes {@code file} (given by {@code option}); {@code null}: none. */
    FileRoles output(String option, Path file) {
        if (file != null) {
            outputs.add(new Role(option, file));
        }
        return this;
    }

    /**
     * Fails if an output is an input or two outputs are one file.
     *
     * @throws IllegalArgumentException naming both options and both paths
     */
    void check() {
        for (int o = 0; o < outputs.size(); o++) {
            Role output = outputs.get(o);
            for (Role input : inputs) {
                if (sameFile(output.file(), input.file())) {
                    throw new IllegalArgumentException(output + " is the same file as the input "
                            + input + ": an output never overwrites an input; choose another "
                            + "output file");
                }
            }
            for (Role other : outputs.subList(0, o)) {
                if (sameFile(output.file(), other.file())) {
                    throw new IllegalArgumentException(other + " and " + output + " are the same "
                            + "file: choose a different file for each output");
                }
            }
        }
    }

    private static boolean sameFile(Path first, Path second) {
        try {
            if (Files.exists(first) && Files.exists(second)) {
                return Files.isSameFile(first, second);
            }
            return location(first).equals(location(second));
        } catch (IOException e) {
            throw new IllegalArgumentException(first + ", " + second + ": cannot tell whether they "
                    + "are the same file: " + e.getMessage(), e);
        }
    }

    /**
     * Where a file that may not exist would be: the real path of its folder and its name, following
     * a symbolic link that points to a missing file.
     */
    private static Path location(Path file) throws IOException {
        return location(file, 0);
    }

    private static Path location(Path file, int links) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            if (links == MAX_LINKS) {
                throw new IOException("more than " + MAX_LINKS + " symbolic links");
            }
            return location(absolute.resolveSibling(Files.readSymbolicLink(absolute)), links + 1);
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return absolute.toRealPath();
        }
        Path folder = absolute.getParent();
        if (folder == null) {
            return absolute;
        }
        return location(folder, links).resolve(absolute.getFileName());
    }
}
