package org.compresslab.compress;

/** What kind of value a technique parameter takes; the wizard picks its control from this. */
public enum ParameterType {
    /** A whole number within [min, max]. */
    INTEGER,
    /** A real number within [min, max]. */
    NUMBER,
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE,
    /** A list of words (e.g. node names or op types); empty by default. */
    TEXT_LIST
}
