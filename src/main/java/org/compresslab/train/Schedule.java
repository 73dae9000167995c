package org.compresslab.train;

/** Learning-rate schedules: constant, step (×0.1 at 50% and 75% of training), cosine, one-cycle. */
public enum Schedule {
    CONSTANT, STEP, COSINE, ONE_CYCLE;

    public static Schedule parse(String s) {
        String key = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + s + "' (use constant, step, cosine or one-cycle)");
        }
    }

    /** The learning rate at {@code step} of {@code total} steps for peak rate {@code lr}. */
    public float rate(float lr, int step, int total) {
        double t = total <= 1 ? 0 : Math.min(1.0, step / (double) (total - 1));
        return (float) switch (this) {
            case CONSTANT -> lr;
            case STEP -> lr * (t < 0.5 ? 1.0 : t < 0.75 ? 0.1 : 0.01);
            case COSINE -> lr * 0.5 * (1 + Math.cos(Math.PI * t));
            case ONE_CYCLE -> {
                // linear warm-up from lr/25 over the first 30%, then cosine down to lr/1e4
                double warm = 0.3;
                double lo = lr / 25.0;
                yield t < warm ? lo + (lr - lo) * t / warm
                        : lr / 1e4 + (lr - lr / 1e4) * 0.5 * (1 + Math.cos(Math.PI * (t - warm) / (1 - warm)));
            }
        };
    }
}
