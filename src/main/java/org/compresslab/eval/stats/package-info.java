/**
 * Pure statistics for the evaluation engine: confidence intervals, paired tests, percentiles,
 * latency summaries, bootstrap ratios, output agreement and accuracy accumulators.
 *
 * <p>Everything here is plain Java 17 with no dependency on the rest of CompressLab, so each
 * number the workbench shows can be traced to one small, unit-tested function. Conventions that
 * hold throughout the package:
 * <ul>
 *   <li>Undefined results (an empty sample, a proportion of zero trials) are {@code NaN}, never a
 *       made-up 0 or 1; malformed input (negative counts, mismatched lengths) throws
 *       {@link java.lang.IllegalArgumentException}.</li>
 *   <li>Percentiles use numpy's default {@code "linear"} method, so figures can be reproduced
 *       with {@code numpy.percentile}.</li>
 *   <li>Argmax ties are broken towards the lowest class index, as {@code numpy.argmax} does.</li>
 *   <li>Accumulators are not thread-safe; give each worker its own and feed them in order.</li>
 * </ul>
 */
package org.compresslab.eval.stats;
