package org.compresslab.study.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.compresslab.study.ProjectException;

/**
 * Writes an exported file whole or not at all: into a temporary file beside it, then moved over it, so a
 * failed export never leaves half a report where an old one was. Failures become a {@link ProjectException}
 * worded for a person.
 */
final class ReportFiles {
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private ReportFiles() {
    }

    /**
     * @param what what is written, completing "Could not write …", e.g. "the report"
     */
    static void write(Path target, String what, Content content) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new ProjectException("Could not write " + what + " to " + file + ": it is a folder; give a file"
                    + " name.");
        }
        Path temp = null;
        try {
            Path folder = file.getParent();
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
            content.writeTo(temp);
            readableByOthers(temp);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new ProjectException("Could not write " + what + " to " + file + ": " + reason(e) + ".", e);
        }
    }

    static void writeString(Path target, String what, String text) {
        write(target, what, temp -> Files.writeString(temp, text, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("Read-only file system")) {
            return "CompressLab is not allowed to write there (the folder is read-only or belongs to another user)";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return ((FileSystemException) e).getFile() + " is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the export failed already; a stray temporary file is the lesser problem
            }
        }
    }

    /** A temporary file is private (0600); an exported report is meant to be shared like any file the user saves. */
    private static void readableByOthers(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the file keeps the platform's defaults
        }
    }
}
