package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.ProbeImages;

/** Quantizes one layer at a time and scores each variant on fixed images. */
final class SensitivityScan {
    private SensitivityScan() {
    }

    static List<LayerSensitivity> run(CalibratedModel model, ProbeImages probe, CalibrationSettings cal,
                                      boolean perChannel, CompressionContext ctx, double from, double to) {
        List<String> layers = model.layerNames();
        List<LayerSensitivity> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i);
            ctx.progress().progress(from + (to - from) * i / layers.size(),
                    "layer " + (i + 1) + " of " + layers.size() + ": " + name);
            CalibratedModel.QuantizedVariant v = model.quantize(n -> n.name().equals(name), cal.method(),
                    cal.percentile(), cal.type(), perChannel);
            ProbeImages.Score s = probe.score(v.model(), ctx.cancel());
            QuantizedLayer q = QuantizedLayer.list(v).get(0);
            out.add(new LayerSensitivity(name, q.op(), q.weights(), s.accuracy(),
                    probe.referenceAccuracy() - s.accuracy(), s.agreement().top1Agreement(),
                    s.agreement().meanKl(), s.agreement().meanCosine()));
        }
        return out;
    }
}
