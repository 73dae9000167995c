package org.compresslab.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {
    private final TaskExecutor sameThread = TaskExecutor.sameThread();
    /** Only for the tests that need real concurrency: a real single-thread exclusive lane, a real light pool. */
    private TaskExecutor threaded;
    private ExecutorService exclusiveLane;
    private ExecutorService lightLane;

    @AfterEach
    void shutDownThreads() {
        if (threaded != null) {
            threaded.cancelAll();
            threaded.shutdown();
        }
    }

    private TaskExecutor threaded() {
        exclusiveLane = Executors.newSingleThreadExecutor();
        lightLane = Executors.newCachedThreadPool();
        threaded = new TaskExecutor(exclusiveLane, lightLane, UiThread.sameThread());
        return threaded;
    }

    // ---- outcomes -------------------------------------------------------------------------------

    @Test
    void successfulWorkHandsItsResultToTheSuccessCallbackAndEndsSucceeded() {
        List<String> results = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();

        TaskEntry entry = sameThread.submit(BackgroundTask.of("Compute", (p, c) -> "forty-two")
                .onSuccess(results::add)
                .onFailure(e -> failed.set(true))
                .onCancelled(() -> cancelled.set(true)));

        assertThat(results).containsExactly("forty-two");
        assertThat(failed).isFalse();
        assertThat(cancelled).isFalse();
        assertThat(entry.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(entry.title()).isEqualTo("Compute");
        assertThat(entry.progressProperty().get()).isEqualTo(1.0);
        assertThat(entry.messageProperty().get()).isEqualTo("done");
        assertThat(entry.errorProperty().get()).isNull();
        assertThat(sameThread.tasks()).containsExactly(entry);
        assertThat(sameThread.hasRunningTasks()).isFalse();
    }

    @Test
    void engineFailureEndsFailedWithTheEngineMessageKeptAndTheExceptionAsDetails() {
        OnnxFormatException problem = new OnnxFormatException("broken.onnx: not an ONNX model (the file is 9 bytes)");
        List<Throwable> failures = new ArrayList<>();
        AtomicBoolean succeeded = new AtomicBoolean();

        TaskEntry entry = sameThread.submit(BackgroundTask.<String>of("Open broken.onnx", (p, c) -> {
                    throw problem;
                })
                .onSuccess(r -> succeeded.set(true))
                .onFailure(failures::add));

        assertThat(entry.state()).isEqualTo(TaskState.FAILED);
        assertThat(entry.errorProperty().get()).isEqualTo("broken.onnx: not an ONNX model (the file is 9 bytes)");
        assertThat(entry.errorDetailsProperty().get()).isSameAs(problem);
        assertThat(entry.messageProperty().get()).isEqualTo("failed");
        assertThat(failures).containsExactly(problem);
        assertThat(succeeded).isFalse();
    }

    @Test
    void programmingErrorBecomesThePlainGenericLineNotTheRawExceptionText() {
        List<Throwable> failures = new ArrayList<>();

        TaskEntry entry = sameThread.submit(BackgroundTask.<String>of("Buggy", (p, c) -> {
                    String nothing = null;
                    return nothing.trim();
                })
                .onFailure(failures::add));

        assertThat(entry.state()).isEqualTo(TaskState.FAILED);
        assertThat(entry.errorProperty().get())
                .startsWith("Something went wrong inside CompressLab (NullPointerException)")
                .doesNotContain("Cannot invoke");
        assertThat(entry.errorDetailsProperty().get()).isInstanceOf(NullPointerException.class);
        assertThat(failures).singleElement().isInstanceOf(NullPointerException.class);
    }

    // ---- cancellation ---------------------------------------------------------------------------

    @Test
    void workThatSeesTheCancelRequestBetweenBatchesEndsCancelledAndCallsOnCancelled() {
        AtomicInteger batchesDone = new AtomicInteger();
        AtomicBoolean cancelledCalled = new AtomicBoolean();
        AtomicBoolean succeeded = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();

        TaskEntry entry = sameThread.submit(BackgroundTask.of("Loop", (p, cancel) -> {
                    for (int batch = 0; batch < 100; batch++) {
                        cancel.throwIfCancelled();
                        batchesDone.incrementAndGet();
                        if (batch == 2) {
                            // the Cancel button, pressed while the third batch runs
                            sameThread.tasks().get(0).cancel();
                        }
                    }
                    return "finished";
                })
                .onSuccess(r -> succeeded.set(true))
                .onFailure(e -> failed.set(true))
                .onCancelled(() -> cancelledCalled.set(true)));

        assertThat(batchesDone).hasValue(3);
        assertThat(entry.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(entry.messageProperty().get()).isEqualTo("cancelled");
        assertThat(entry.errorProperty().get()).isNull();
        assertThat(cancelledCalled).isTrue();
        assertThat(succeeded).isFalse();
        assertThat(failed).isFalse();
    }

    @Test
    void anErrorCausedByCancellingCountsAsCancelledNotAsAFailure() {
        AtomicBoolean cancelledCalled = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();

        TaskEntry entry = sameThread.submit(BackgroundTask.<String>of("Interrupted I/O", (p, cancel) -> {
                    sameThread.tasks().get(0).cancel();
                    throw new java.io.InterruptedIOException("stream closed");
                })
                .onFailure(failures::add)
                .onCancelled(() -> cancelledCalled.set(true)));

        assertThat(entry.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelledCalled).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void taskCancelledWhileQueuedNeverRunsAndEndsCancelled() throws Exception {
        TaskExecutor executor = threaded();
        CountDownLatch release = new CountDownLatch(1);
        executor.submit(BackgroundTask.of("Blocker", (p, c) -> release.await(10, TimeUnit.SECONDS)).exclusive());
        AtomicBoolean queuedWorkRan = new AtomicBoolean();
        CountDownLatch cancelledCalled = new CountDownLatch(1);
        TaskEntry queued = executor.submit(BackgroundTask.of("Queued", (p, c) -> queuedWorkRan.getAndSet(true))
                .exclusive()
                .onCancelled(cancelledCalled::countDown));

        assertThat(queued.state()).isEqualTo(TaskState.QUEUED);
        queued.cancel();
        release.countDown();

        assertThat(cancelledCalled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(queuedWorkRan).isFalse();
        assertThat(queued.elapsed()).isZero();
    }

    @Test
    void cancelAllStopsTheRunningTaskAndTheQueuedOnesButLeavesFinishedTasksAlone() throws Exception {
        TaskExecutor executor = threaded();
        TaskEntry done = executor.submit(BackgroundTask.of("Done before", (p, c) -> 1).exclusive());
        waitUntil(() -> done.state() == TaskState.SUCCEEDED);
        CountDownLatch started = new CountDownLatch(1);
        TaskEntry running = executor.submit(BackgroundTask.of("Long", (p, cancel) -> {
            started.countDown();
            while (true) {
                cancel.throwIfCancelled();
                Thread.sleep(1);
            }
        }).exclusive());
        AtomicBoolean queuedWorkRan = new AtomicBoolean();
        TaskEntry queued = executor.submit(BackgroundTask.of("Queued", (p, c) -> queuedWorkRan.getAndSet(true)).exclusive());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.hasRunningTasks()).isTrue();

        executor.cancelAll();

        waitUntil(() -> queued.state().isDone() && running.state().isDone());
        assertThat(running.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(queued.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(queuedWorkRan).isFalse();
        assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.isCancelRequested()).isFalse();
        assertThat(executor.hasRunningTasks()).isFalse();
    }

    // ---- progress -------------------------------------------------------------------------------

    @Test
    void progressReportedByTheWorkReachesTheEntryWhileItRuns() {
        List<String> seen = new ArrayList<>();
        TaskEntry entry = sameThread.submit(BackgroundTask.of("Steps", (progress, c) -> {
            TaskEntry self = sameThread.tasks().get(0);
            assertThat(self.state()).isEqualTo(TaskState.RUNNING);
            progress.progress(0.25, "evaluated 16 of 64 images");
            seen.add(self.progressProperty().get() + " " + self.messageProperty().get());
            progress.progress(0.75, "evaluated 48 of 64 images");
            seen.add(self.progressProperty().get() + " " + self.messageProperty().get());
            return null;
        }));

        assertThat(seen).containsExactly("0.25 evaluated 16 of 64 images", "0.75 evaluated 48 of 64 images");
        assertThat(entry.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void progressFromAnotherThreadArrivesCoalescedWithTheLatestValue() throws Exception {
        // a UI thread that holds its actions until the test lets them run, like a busy FX queue
        List<Runnable> pending = new CopyOnWriteArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        threaded = new TaskExecutor(worker, worker, pending::add);
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        TaskEntry entry = threaded.submit(BackgroundTask.of("Fast loop", (progress, c) -> {
            for (int i = 1; i <= 1000; i++) {
                progress.progress(i / 1000.0, "step " + i);
            }
            reported.countDown();
            finish.await(10, TimeUnit.SECONDS);
            return null;
        }));
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        // the "tasks.add" action, the RUNNING state and at most one progress update — not a thousand
        assertThat(pending).hasSizeLessThanOrEqualTo(3);
        runAll(pending);

        assertThat(entry.state()).isEqualTo(TaskState.RUNNING);
        assertThat(entry.progressProperty().get()).isEqualTo(1.0);
        assertThat(entry.messageProperty().get()).isEqualTo("step 1000");
        finish.countDown();
        waitUntil(() -> !pending.isEmpty());
        runAll(pending);
        assertThat(entry.state()).isEqualTo(TaskState.SUCCEEDED);
    }

    // ---- lanes ----------------------------------------------------------------------------------

    @Test
    void exclusiveTasksRunOneAtATimeWhileLightTasksRunAtOnce() throws Exception {
        TaskExecutor executor = threaded();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger concurrentExclusive = new AtomicInteger();
        AtomicInteger maxConcurrentExclusive = new AtomicInteger();
        AtomicBoolean secondStarted = new AtomicBoolean();
        BackgroundTask.Work<String> measuring = (p, c) -> {
            maxConcurrentExclusive.accumulateAndGet(concurrentExclusive.incrementAndGet(), Math::max);
            try {
                if (firstStarted.getCount() == 1) {
                    firstStarted.countDown();
                    assertThat(releaseFirst.await(10, TimeUnit.SECONDS)).isTrue();
                } else {
                    secondStarted.set(true);
                }
                return "measured";
            } finally {
                concurrentExclusive.decrementAndGet();
            }
        };
        TaskEntry first = executor.submit(BackgroundTask.of("Measure A", measuring).exclusive());
        TaskEntry second = executor.submit(BackgroundTask.of("Measure B", measuring).exclusive());
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // while A holds the measurement lane, a light task (e.g. opening a model) still runs at once
        CountDownLatch lightDone = new CountDownLatch(1);
        TaskEntry light = executor.submit(BackgroundTask.of("Open model", (p, c) -> "model").onSuccess(r -> lightDone.countDown()));
        assertThat(lightDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(light.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(first.state()).isEqualTo(TaskState.RUNNING);
        assertThat(second.state()).isEqualTo(TaskState.QUEUED);
        assertThat(secondStarted).isFalse();

        releaseFirst.countDown();
        waitUntil(() -> second.state() == TaskState.SUCCEEDED);
        assertThat(first.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(secondStarted).isTrue();
        assertThat(maxConcurrentExclusive).hasValue(1);
    }

    @Test
    void lightTasksDoNotWaitForEachOther() throws Exception {
        TaskExecutor executor = threaded();
        // each of the two waits for the other to start: only possible if both run at the same time
        CountDownLatch bothStarted = new CountDownLatch(2);
        BackgroundTask.Work<Boolean> rendezvous = (p, c) -> {
            bothStarted.countDown();
            return bothStarted.await(10, TimeUnit.SECONDS);
        };
        AtomicReference<Boolean> a = new AtomicReference<>();
        AtomicReference<Boolean> b = new AtomicReference<>();
        executor.submit(BackgroundTask.of("Light A", rendezvous).onSuccess(a::set));
        executor.submit(BackgroundTask.of("Light B", rendezvous).onSuccess(b::set));

        waitUntil(() -> a.get() != null && b.get() != null);
        assertThat(a.get()).isTrue();
        assertThat(b.get()).isTrue();
    }

    // ---- the list -------------------------------------------------------------------------------

    @Test
    void clearFinishedRemovesSucceededFailedAndCancelledTasksButKeepsRunningOnes() throws Exception {
        TaskExecutor executor = threaded();
        CountDownLatch release = new CountDownLatch(1);
        TaskEntry running = executor.submit(BackgroundTask.of("Running", (p, c) -> release.await(10, TimeUnit.SECONDS)).exclusive());
        TaskEntry ok = executor.submit(BackgroundTask.of("OK", (p, c) -> 1));
        TaskEntry bad = executor.submit(BackgroundTask.<Integer>of("Bad", (p, c) -> {
            throw new IllegalArgumentException("bad input");
        }));
        TaskEntry stopped = executor.submit(BackgroundTask.<Integer>of("Stopped", (p, c) -> {
            throw new CancelledException();
        }));
        waitUntil(() -> ok.state().isDone() && bad.state().isDone() && stopped.state().isDone());
        assertThat(List.of(ok.state(), bad.state(), stopped.state()))
                .containsExactly(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED);

        executor.clearFinished();

        assertThat(executor.tasks()).containsExactly(running);
        release.countDown();
        waitUntil(() -> running.state() == TaskState.SUCCEEDED);
        executor.clearFinished();
        assertThat(executor.tasks()).isEmpty();
    }

    @Test
    void tasksAreListedInTheOrderTheyWereSubmitted() {
        TaskEntry a = sameThread.submit(BackgroundTask.of("A", (p, c) -> 1));
        TaskEntry b = sameThread.submit(BackgroundTask.of("B", (p, c) -> 2));

        assertThat(sameThread.tasks()).containsExactly(a, b);
        assertThat(sameThread.tasks()).extracting(TaskEntry::title).containsExactly("A", "B");
    }

    @Test
    void theTokenHandedToTheWorkIsTheOneTheEntryCancels() {
        AtomicReference<CancellationToken> token = new AtomicReference<>();
        TaskEntry entry = sameThread.submit(BackgroundTask.of("T", (p, c) -> {
            token.set(c);
            return 0;
        }));

        assertThat(token.get().isCancelled()).isFalse();
        entry.cancel();
        assertThat(token.get().isCancelled()).isTrue();
        assertThat(entry.isCancelRequested()).isTrue();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void runAll(List<Runnable> actions) {
        List<Runnable> now = List.copyOf(actions);
        actions.removeAll(now);
        now.forEach(Runnable::run);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
