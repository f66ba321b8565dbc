package org.geomloss.examples.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files atomically: the content goes to a new temporary file in the target's folder
 * ({@code .NAME.UUID.partial}), is forced to the disk, then renamed onto the target in one step
 * ({@link StandardCopyOption#ATOMIC_MOVE}). A reader sees either the old file or the complete new
 * one, never a half-written file; a failure leaves the old file as it was and deletes the temporary
 * file. Missing parent folders are created. A target that is a symbolic link is replaced by a
 * regular file (the file the link pointed to is left alone).
 *
 * <p>Stateless and thread-safe; two writers of one target race, and the last rename wins.
 */
public final class AtomicFiles {

    /** What a file holds, written to a stream (which the caller must not close). */
    @FunctionalInterface
    public interface Content {

        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}, atomically.
     *
     * @throws IllegalArgumentException naming {@code file} if it cannot be written
     */
    public static void write(Path file, Content content) {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID()
                + ".partial");
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            throw new IllegalArgumentException(file + ": cannot write: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary, Exception cause) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
