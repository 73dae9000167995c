package org.compresslab.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every technique a recipe can name, by id, in the order the wizard lists them. */
public final class TechniqueRegistry {
    private final Map<String, Technique> byId = new LinkedHashMap<>();

    public TechniqueRegistry(List<Technique> techniques) {
        for (Technique t : techniques) {
            if (byId.put(t.descriptor().id(), t) != null) {
                throw new IllegalArgumentException("two techniques with id " + t.descriptor().id());
            }
        }
    }

    /** The techniques CompressLab ships. */
    public static TechniqueRegistry standard() {
        return new TechniqueRegistry(StandardTechniques.all());
    }

    public Technique find(String id) {
        Technique t = byId.get(id);
        if (t == null) {
            throw new InvalidRecipeException("unknown technique '" + id + "'; known techniques: " + String.join(", ", ids()));
        }
        return t;
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public List<TechniqueDescriptor> descriptors() {
        return byId.values().stream().map(Technique::descriptor).toList();
    }
}
