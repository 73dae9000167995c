package org.compresslab.cli;

import java.io.PrintWriter;
import org.compresslab.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code compresslab} command and its exit-code policy: 0 done, 1 internal error, 2 bad input. */
@Command(name = "compresslab", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = CompressLabCommand.VersionProvider.class,
        description = "Compress computer-vision models and measure what it costs and buys.",
        subcommands = {InspectCommand.class, EvaluateCommand.class, CompareCommand.class, TrainCommand.class,
                FinetuneCommand.class, CompressCommand.class, TechniquesCommand.class, ReportCommand.class,
                ConvertCommand.class})
public final class CompressLabCommand implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing a command (inspect, evaluate, compare, compress, techniques, train, finetune)");
    }

    public static int execute(String... args) {
        return newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CompressLabCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("compresslab: " + ex.getMessage());
            err.println("Try 'compresslab " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CompressLab " + Version.current()};
        }
    }
}
