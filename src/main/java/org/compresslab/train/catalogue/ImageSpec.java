package org.compresslab.train.catalogue;

/** The input images (channels × height × width) and the number of classes a catalogue network is built for. */
record ImageSpec(int channels, int height, int width, int classes) {

    ImageSpec {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("the input must have at least 1 channel, row and column, was "
                    + channels + "×" + height + "×" + width);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("the number of classes must be at least 1, was " + classes);
        }
    }

    /** Throws unless both spatial sides are at least {@code minimum} pixels, naming the architecture. */
    void requireAtLeast(int minimum, String architecture) {
        if (height < minimum || width < minimum) {
            throw new IllegalArgumentException(architecture + " needs images of at least " + minimum + "×" + minimum
                    + " pixels, was " + height + "×" + width);
        }
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width + ", " + classes + " classes";
    }
}
