import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.compresslab.compress.RecipeJson;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.study.CompressionJob;
import org.compresslab.study.DemoProject;
import org.compresslab.ui.Workbench;
import org.compresslab.ui.dialogs.FxDialogService;
import org.compresslab.ui.queue.QueuedRun;
import org.compresslab.ui.shell.AppPreferences;
import org.compresslab.ui.tasks.FxPulseProbe;
import org.compresslab.ui.tasks.TaskExecutor;

/**
 * Is the window responsive while a run goes? The real workbench window (on the display it is given, e.g.
 * Xvfb) opens the demo project and queues runs; a probe posts an event to the FX thread every 10 ms and
 * times how long it waits. Writes each scenario's wait distribution and where the FX thread was during
 * waits over 50 ms. Usage: java -cp … bench/FxResponsivenessBench.java OUT.txt
 */
public class FxResponsivenessBench {
    private static final EvaluationSettings SETTINGS = new EvaluationSettings(0, 1, 1, 300, 10,
            OptimizationLevel.ALL, 0);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path data = Files.createTempDirectory("fx-bench");
        System.setProperty("compresslab.data", data.toString());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        TaskExecutor tasks = TaskExecutor.forFx();
        Workbench wb = onFx(() -> {
            Stage stage = new Stage();
            Workbench w = new Workbench(tasks, new FxDialogService(() -> stage), new AppPreferences(
                    java.util.prefs.Preferences.userRoot().node("org/compresslab/bench/" + UUID.randomUUID())),
                    stage::close);
            stage.setScene(new Scene(w.root(), 1280, 850));
            stage.show();
            w.main().openProject(DemoProject.ensure(data));
            return w;
        });
        waitFor(60, () -> onFx(() -> wb.main().modelProperty().get() != null));

        List<String> lines = new ArrayList<>();
        lines.add("FX responsiveness while a run goes (bench/FxResponsivenessBench.java)");
        lines.add("pipeline: " + onFx(() -> com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName())
                + ", display " + System.getenv("DISPLAY") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        scenario(wb, lines, "static int8 on ResNet-20 (baseline measured first)",
                "{\"steps\":[{\"technique\":\"quantize.static-int8\"}]}");
        scenario(wb, lines, "channel pruning 50% + 1 epoch of fine-tuning on 20,000 images (live curve)",
                "{\"steps\":[{\"technique\":\"prune.channels\",\"ratio\":0.5},"
                        + "{\"technique\":\"train.finetune\",\"epochs\":1,\"limit\":20000}]}");
        Files.write(out, lines);
        lines.forEach(System.out::println);
        tasks.cancelAll();
        Platform.exit();
        System.exit(0);
    }

    private static void scenario(Workbench wb, List<String> lines, String name, String recipe) throws Exception {
        CompressionJob.Request request = new CompressionJob.Request(name, RecipeJson.parse(recipe), SETTINGS, "train", 1);
        QueuedRun run = onFx(() -> wb.queue().enqueue(request));
        Thread.sleep(300); // the queue page is built once, when the first run arrives
        long start = System.nanoTime();
        try (FxPulseProbe probe = new FxPulseProbe().start()) {
            waitFor(1800, () -> onFx(() -> run.taskProperty().get().state().isDone()));
            lines.add(String.format(Locale.ROOT, "%s: %s, %.0f s; %s", name,
                    onFx(() -> run.taskProperty().get().state()), (System.nanoTime() - start) / 1e9, probe.summary()));
        }
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(int seconds, Check c) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(200);
        }
    }
}
