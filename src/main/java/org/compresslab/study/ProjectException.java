package org.compresslab.study;

/**
 * A project cannot be saved or opened. The message is written for a person (what happened, where,
 * and what to do), so a UI can show it as is.
 *
 * <p>Unchecked for the same reason as {@code DatasetException}: callers can only show the message.
 */
public class ProjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean backupAvailable;

    public ProjectException(String message) {
        this(message, null, false);
    }

    public ProjectException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public ProjectException(String message, Throwable cause, boolean backupAvailable) {
        super(message, cause);
        this.backupAvailable = backupAvailable;
    }

    /**
     * Whether the folder holds {@code project.json.bak}, the previous save, which
     * {@link ProjectStore#loadBackup} can open instead of a damaged or missing {@code project.json}.
     */
    public boolean backupAvailable() {
        return backupAvailable;
    }
}
