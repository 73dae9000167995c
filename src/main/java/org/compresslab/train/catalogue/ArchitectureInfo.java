package org.compresslab.train.catalogue;

/**
 * One architecture of the {@link ModelCatalogue}, for choosers in the UI and the CLI.
 *
 * @param id          the id {@link ModelCatalogue#build} takes, e.g. {@code resnet20}
 * @param description one line in plain words: what the network is and roughly how big
 */
public record ArchitectureInfo(String id, String description) {
}
