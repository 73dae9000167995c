package org.compresslab.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunningTaskTest {
    /** Runs the submitted work only when the test says so: the task is "running" in between. */
    private final Queue<Runnable> lane = new ArrayDeque<>();
    private final TaskExecutor manual = new TaskExecutor(lane::add, lane::add, UiThread.sameThread());

    @Test
    void whileTheTaskRunsItsProgressAndMessageShowAndAfterwardsThePagesOwnWords() {
        RunningTask running = new RunningTask(manual);
        AtomicReference<Double> seenProgress = new AtomicReference<>();
        AtomicReference<String> seenStatus = new AtomicReference<>();

        running.start(BackgroundTask.of("Measure", (p, cancel) -> {
            p.progress(0.25, "image 25 of 100");
            seenProgress.set(running.progressProperty().get());
            seenStatus.set(running.statusProperty().get());
            return 100;
        }).exclusive().onSuccess(n -> running.finish("Measured " + n + " images.")));

        assertThat(running.isBusy()).isTrue();
        assertThat(running.progressProperty().get()).isNegative();
        assertThat(running.statusProperty().get()).isEqualTo("waiting for other measurements to finish");

        lane.remove().run();

        assertThat(seenProgress.get()).isEqualTo(0.25);
        assertThat(seenStatus.get()).isEqualTo("image 25 of 100");
        assertThat(running.isBusy()).isFalse();
        assertThat(running.progressProperty().get()).isZero();
        assertThat(running.statusProperty().get()).isEqualTo("Measured 100 images.");
        // unbound: the page may say something of its own again
        running.setStatus("Open a model first.");
        assertThat(running.statusProperty().get()).isEqualTo("Open a model first.");
    }

    @Test
    void cancelStopsTheQueuedTaskAndItsCancelledCallbackFinishesIt() {
        RunningTask running = new RunningTask(manual);
        AtomicReference<Boolean> workRan = new AtomicReference<>(false);
        running.start(BackgroundTask.of("Measure", (p, cancel) -> {
            workRan.set(true);
            return 1;
        }).exclusive().onCancelled(() -> running.finish("Cancelled.")));

        running.cancel();
        running.clearStatus();
        running.setStatus("Queued a run."); // e.g. an atlas action while the analysis runs: no exception
        assertThat(running.statusProperty().get()).as("a running task's message stays")
                .isEqualTo("waiting for other measurements to finish");
        lane.remove().run();

        assertThat(workRan.get()).isFalse();
        assertThat(running.isBusy()).isFalse();
        assertThat(running.statusProperty().get()).isEqualTo("Cancelled.");
        running.clearStatus();
        assertThat(running.statusProperty().get()).isEmpty();
    }

    @Test
    void aTaskFinishedDuringSubmitLeavesNothingBoundOrRunning() {
        RunningTask running = new RunningTask(TaskExecutor.sameThread());
        running.start(BackgroundTask.<Integer>of("Measure", (p, cancel) -> {
            throw new IllegalArgumentException("the dataset folder is empty");
        }).onFailure(e -> running.finish("Failed: " + UserMessages.plain(e))));

        assertThat(running.isBusy()).isFalse();
        assertThat(running.statusProperty().get()).isEqualTo("Failed: the dataset folder is empty");
        running.cancel(); // nothing to cancel: must not throw
        running.setStatus("ready"); // a bound status would refuse this
        assertThat(running.statusProperty().get()).isEqualTo("ready");
    }
}
