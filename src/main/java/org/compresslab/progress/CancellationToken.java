package org.compresslab.progress;

/**
 * Shared between whoever may cancel (a Cancel button, closing a window, quitting) and the engine
 * loop, which checks it between batches.
 */
public final class CancellationToken {
    public static final CancellationToken NEVER = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NEVER) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
