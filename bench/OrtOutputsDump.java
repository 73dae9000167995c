import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.runtime.TensorSpec;

/**
 * Runs models in ONNX Runtime Java exactly as CompressLab does (OnnxRuntimeBackend, RuntimeOptions.defaults():
 * 1 intra-op thread, all graph optimisations) on the first N Fashion-MNIST test images, preprocessed with each
 * model's own preprocessing (from its metadata), and writes for every model:
 * <ul>
 *   <li>{@code DIR/NAME.input.f32}: the input batch, raw little-endian float32,</li>
 *   <li>{@code DIR/NAME.output.f32}: the model's first output, raw little-endian float32,</li>
 *   <li>{@code DIR/NAME.json}: a manifest (model path, input name and shape, output name and shape, ...).</li>
 * </ul>
 * bench/crosscheck-node/compare.js runs the same models and inputs in onnxruntime-node and compares bit for bit.
 *
 * <p>Run: {@code java -cp "target/classes:target/lib/*" bench/OrtOutputsDump.java [--images N] DIR [NAME=]MODEL ...}
 * (NAME defaults to the file name without {@code .onnx}). Used by bench/run-ort-node-crosscheck.sh.
 */
public class OrtOutputsDump {
    public static void main(String[] args) throws Exception {
        int images = 64;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--images")) {
                images = Integer.parseInt(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.size() < 2 || images < 1) {
            System.err.println("usage: OrtOutputsDump [--images N] DIR [NAME=]MODEL.onnx ...");
            System.exit(2);
        }
        Path dir = Path.of(rest.get(0));
        Files.createDirectories(dir);
        ImageDataset dataset = Datasets.fashionMnist("test");
        Set<String> names = new LinkedHashSet<>();
        for (String spec : rest.subList(1, rest.size())) {
            int eq = spec.indexOf('=');
            Path model = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            String name = eq < 0 ? model.getFileName().toString().replaceFirst("\\.onnx$", "") : spec.substring(0, eq);
            if (!name.matches("[A-Za-z0-9._-]+") || !names.add(name)) {
                throw new IllegalArgumentException("bad or repeated name '" + name + "' (give NAME=MODEL)");
            }
            dump(dir, name, model, dataset, images);
        }
    }

    static void dump(Path dir, String name, Path model, ImageDataset dataset, int images) throws Exception {
        ModelFile file = ModelFile.load(model);
        Preprocessing prep = file.preprocessing().orElseThrow(
                () -> new IllegalStateException(model + ": the model carries no preprocessing metadata"));
        Batch batch;
        try (BatchStream stream = new BatchStream(dataset, prep, images, images)) {
            batch = stream.next();
        }
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(file.bytes(), RuntimeOptions.defaults())) {
            TensorSpec in = backend.inputs().get(0);
            TensorSpec out = backend.outputs().get(0);
            BackendOutput result = backend.run(batch.data(), batch.shape());
            writeFloats(dir.resolve(name + ".input.f32"), batch.data());
            writeFloats(dir.resolve(name + ".output.f32"), result.data());
            String json = "{\n"
                    + "  \"name\": " + str(name) + ",\n"
                    + "  \"model\": " + str(model.toString()) + ",\n"
                    + "  \"model_absolute\": " + str(model.toAbsolutePath().normalize().toString()) + ",\n"
                    + "  \"model_sha256\": " + str(sha256(file.bytes())) + ",\n"
                    + "  \"model_bytes\": " + file.bytes().length + ",\n"
                    + "  \"dataset\": \"fashion-mnist/test\",\n"
                    + "  \"images\": " + batch.size() + ",\n"
                    + "  \"input_name\": " + str(in.name()) + ",\n"
                    + "  \"input_type\": " + str(in.type()) + ",\n"
                    + "  \"input_shape\": " + Arrays.toString(batch.shape()) + ",\n"
                    + "  \"input_file\": " + str(name + ".input.f32") + ",\n"
                    + "  \"output_name\": " + str(out.name()) + ",\n"
                    + "  \"output_count\": " + backend.outputs().size() + ",\n"
                    + "  \"output_shape\": " + Arrays.toString(result.shape()) + ",\n"
                    + "  \"output_file\": " + str(name + ".output.f32") + ",\n"
                    + "  \"runtime\": " + str("onnxruntime-java " + OnnxRuntimeBackend.runtimeVersion()) + ",\n"
                    + "  \"threads\": 1,\n"
                    + "  \"optimization\": \"all\",\n"
                    + "  \"date\": " + str(Instant.now().toString()) + "\n"
                    + "}\n";
            Files.writeString(dir.resolve(name + ".json"), json);
            System.out.printf("%-24s %s input %s %s -> output %s %s%n", name, model, in.name(),
                    Arrays.toString(batch.shape()), out.name(), Arrays.toString(result.shape()));
        }
    }

    static void writeFloats(Path path, float[] data) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        Files.write(path, buf.array());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String str(String s) {
        return s.chars().mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c
                        : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining("", "\"", "\""));
    }
}
