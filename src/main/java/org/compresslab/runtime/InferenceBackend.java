package org.compresslab.runtime;

import java.util.List;

/**
 * A runtime that executes one loaded model. Implementations own native resources: close them
 * (try-with-resources) when done.
 */
public interface InferenceBackend extends AutoCloseable {

    /** e.g. "onnxruntime 1.29.0". */
    String description();

    List<TensorSpec> inputs();

    List<TensorSpec> outputs();

    /** Runs the model on one batch fed to the first input; returns the first output. */
    BackendOutput run(float[] input, long[] shape);

    /**
     * Prepares a repeatable run on a fixed batch so a latency loop times only the model, not the
     * copying of inputs.
     */
    RepeatableRun prepare(float[] input, long[] shape);

    @Override
    void close();

    /** One prepared input that can be run many times. */
    interface RepeatableRun extends AutoCloseable {
        void runOnce();

        @Override
        void close();
    }
}
