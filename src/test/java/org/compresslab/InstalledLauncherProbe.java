package org.compresslab;

import java.util.Optional;

/**
 * The installed application's start reduced to the re-run: packaged by {@link InstalledLauncherTest} with
 * jpackage, it says which arguments and which engine variable it ended up with.
 */
final class InstalledLauncherProbe {
    private InstalledLauncherProbe() {
    }

    public static void main(String[] args) {
        Optional<Integer> relaunched = InstalledLauncher.relaunchWithEngineEnvironment(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        System.out.println("probe " + String.join("|", args) + " " + System.getenv("CL_TEST_PLAIN"));
    }
}
