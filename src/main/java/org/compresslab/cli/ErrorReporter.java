package org.compresslab.cli;

import org.compresslab.data.DatasetException;
import org.compresslab.graph.GraphException;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.progress.CancelledException;
import org.compresslab.runtime.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one plain line on stderr and an exit code: bad input
 * (model, dataset, options) exits 2, a bug exits 1. The stack trace appears only with --verbose.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        if (isBadInput(ex)) {
            cl.getErr().println("compresslab: " + oneLine(ex.getMessage()));
            return CompressLabCommand.EXIT_BAD_INPUT;
        }
        if (ex instanceof CancelledException) {
            cl.getErr().println("compresslab: cancelled");
            return 130;
        }
        LOG.error("internal error", ex);
        cl.getErr().println("compresslab: internal error: " + oneLine(String.valueOf(ex.getMessage()))
                + " (run with --verbose for details)");
        return 1;
    }

    static boolean isBadInput(Throwable ex) {
        return ex instanceof OnnxFormatException || ex instanceof DatasetException || ex instanceof GraphException
                || ex instanceof InferenceException || ex instanceof BadInputException
                || ex instanceof org.compresslab.train.UntrainableModelException
                || ex instanceof org.compresslab.compress.InvalidRecipeException
                || ex instanceof org.compresslab.compress.CompressionException
                || ex instanceof java.nio.file.NoSuchFileException;
    }

    private static String oneLine(String message) {
        String m = message == null ? "unknown error" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
