package org.compresslab;

import org.compresslab.cli.CompressLabCommand;

/**
 * Entry point of the launcher: with arguments it runs the command line, without it starts the GUI.
 * Deliberately not the JavaFX Application class, so the application starts from a plain class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        java.util.Optional<Integer> relaunched = InstalledLauncher.relaunchWithEngineEnvironment(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        if (args.length == 0) {
            org.compresslab.ui.CompressLabApp.start(args);
            return;
        }
        if (args[0].equals("gui")) {
            // "gui [MODEL.onnx|PROJECT-FOLDER]" opens the window on that file instead of the last project
            org.compresslab.ui.CompressLabApp.start(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(CompressLabCommand.execute(args));
    }
}
