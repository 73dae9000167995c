package org.compresslab.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Show details (stack traces) of errors.")
    boolean verbose;
}
