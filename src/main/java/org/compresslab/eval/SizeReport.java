package org.compresslab.eval;

/**
 * What a model weighs: the serialized file in bytes, its gzip-compressed size (what unstructured
 * sparsity really saves), parameters and non-zero parameters.
 */
public record SizeReport(long bytes, long gzipBytes, long params, long nonZeroParams) {
}
