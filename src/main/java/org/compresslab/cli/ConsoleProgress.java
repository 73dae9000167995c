package org.compresslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.compresslab.progress.ProgressListener;

/** A one-line progress indicator on stderr, redrawn at most a few times a second; silent when disabled. */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    ConsoleProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled && System.console() != null;
    }

    @Override
    public void progress(double fraction, String message) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean done = fraction >= 1.0;
        if (!done && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        err.print(String.format(Locale.ROOT, "\r%3.0f%% %-60s", 100 * Math.max(0, fraction), message));
        drawn = true;
        if (done && drawn) {
            err.print("\r" + " ".repeat(66) + "\r");
        }
        err.flush();
    }
}
