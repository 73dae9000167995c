import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.stats.BootstrapRatio;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.eval.stats.RatioEstimate;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;
import org.compresslab.train.EpochStats;
import org.compresslab.train.GraphBlock;
import org.compresslab.train.Schedule;
import org.compresslab.train.TrainingConfig;
import org.compresslab.train.TrainingLoop;
import org.compresslab.train.TrainingResult;
import org.compresslab.train.catalogue.ModelCatalogue;

/**
 * Does running a graph through {@link GraphBlock} cost training speed? Trains the catalogue's ResNet-20
 * (Fashion-MNIST, 1×28×28, 10 classes) as a GraphBlock and the same network written with DJL's own
 * blocks (SequentialBlock, ParallelBlock residuals, Conv2d without bias, BatchNorm, ReLU, global
 * average pooling, Linear), both through the same {@link TrainingLoop} (SGD momentum 0.9, constant
 * learning rate 0.05, weight decay 5e-4 as TrainingConfig's default, batch 128, no augmentation, no
 * validation), so data, loss and optimiser code
 * are identical and only the block differs.
 * <p>
 * The DJL network starts from the GraphBlock's initial weights (copied parameter by parameter) and
 * the two must give the same eval-mode logits on a batch before training, which shows the
 * architectures match; trainable element counts are asserted equal.
 * <p>
 * After one untimed warm-up round each, rounds alternate A B, B A, A B, … (A = GraphBlock, B = DJL);
 * each round trains one model for {@code BATCHES} batches of 128 (one TrainingLoop epoch with
 * {@code limit = BATCHES·128}) and its speed is the loop's own images/s (wall clock of the training
 * steps: forward, loss, backward, optimiser update, accuracy count; the batch stream reads ahead on
 * another thread). Both rounds of a pair see the same images (same seed). The ratio GraphBlock/DJL of
 * median images/s comes with a paired bootstrap 95% interval over the pairs.
 * <p>
 * Run: bench/run-training-throughput.sh   (writes bench/results/training-throughput.json)
 * Optional: -Dbench.pairs=20 (rounds per model) -Dbench.batches=15 (batches per round)
 */
public class TrainingThroughputBench {
    static final int BATCH = 128;
    static final float LR = 0.05f;
    static final long SEED = 7;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/training-throughput.json");
        int pairs = Integer.getInteger("bench.pairs", 20);
        int batches = Integer.getInteger("bench.batches", 15);
        ImageDataset dataset = Datasets.open("fashion-mnist", "train");
        Preprocessing prep = new Preprocessing(28, 28, 1, new float[] {0.2860f}, new float[] {0.3530f}, "NCHW");
        Shape inputShape = new Shape(1, 1, 28, 28);

        try (NDManager root = NDManager.newBaseManager();
             NDManager managerA = root.newSubManager();
             NDManager managerB = root.newSubManager()) {
            Graph graph = ModelCatalogue.build("resnet20", 1, 28, 28, 10, SEED);
            GraphBlock graphBlock = new GraphBlock(graph);
            graphBlock.initialize(managerA, DataType.FLOAT32, inputShape);

            List<Pair<String, Block>> named = new ArrayList<>();
            SequentialBlock djlBlock = djlResNet20(named);
            djlBlock.initialize(managerB, DataType.FLOAT32, inputShape);
            copyWeights(graph, named);

            long countA = trainableElements(graphBlock);
            long countB = trainableElements(djlBlock);
            System.err.printf(Locale.ROOT, "trainable elements: GraphBlock %d, DJL blocks %d%n", countA, countB);
            if (countA != countB) {
                throw new IllegalStateException("the two networks differ in size: " + countA + " vs " + countB);
            }
            double logitDiff = maxLogitDifference(graphBlock, managerA, djlBlock, managerB, dataset, prep);
            System.err.printf(Locale.ROOT, "same weights, eval-mode logits on %d images: max |difference| %.3g%n",
                    BATCH, logitDiff);
            if (!(logitDiff < 1e-3)) {
                throw new IllegalStateException("the DJL network does not compute what the graph computes (max logit difference "
                        + logitDiff + ")");
            }

            TrainingLoop loopA = new TrainingLoop(graphBlock, managerA);
            TrainingLoop loopB = new TrainingLoop(djlBlock, managerB);
            TrainingConfig base = TrainingConfig.defaults().withEpochs(1).withLimit(batches * BATCH).withBatchSize(BATCH)
                    .withValidationFraction(0).withAugmentation(0, false).withSchedule(Schedule.CONSTANT)
                    .withLearningRate(LR);
            CancellationToken cancel = new CancellationToken();

            // warm-up: one untimed round each (JIT, allocator, oneDNN primitive caches)
            EpochStats warmA = round(loopA, dataset, prep, base.withSeed(1000), cancel);
            EpochStats warmB = round(loopB, dataset, prep, base.withSeed(1000), cancel);
            System.err.printf(Locale.ROOT, "warm-up: GraphBlock %.1f img/s loss %.4f, DJL %.1f img/s loss %.4f%n",
                    warmA.imagesPerSecond(), warmA.trainLoss(), warmB.imagesPerSecond(), warmB.trainLoss());

            double[] ipsA = new double[pairs];
            double[] ipsB = new double[pairs];
            double[] lossA = new double[pairs];
            double[] lossB = new double[pairs];
            double[] accA = new double[pairs];
            double[] accB = new double[pairs];
            double[] otherA = new double[pairs];
            double[] otherB = new double[pairs];
            StringBuilder order = new StringBuilder();
            for (int p = 0; p < pairs; p++) {
                TrainingConfig cfg = base.withSeed(p);
                boolean aFirst = (p & 1) == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isA = (side == 0) == aFirst;
                    EpochStats s = round(isA ? loopA : loopB, dataset, prep, cfg, cancel);
                    order.append(isA ? 'A' : 'B');
                    if (isA) {
                        ipsA[p] = s.imagesPerSecond();
                        lossA[p] = s.trainLoss();
                        accA[p] = s.trainAccuracy();
                        otherA[p] = lastOtherLoad;
                    } else {
                        ipsB[p] = s.imagesPerSecond();
                        lossB[p] = s.trainLoss();
                        accB[p] = s.trainAccuracy();
                        otherB[p] = lastOtherLoad;
                    }
                }
                System.err.printf(Locale.ROOT, "pair %2d (%s): GraphBlock %7.1f img/s loss %.4f other load %.2f | "
                                + "DJL %7.1f img/s loss %.4f other load %.2f | ratio %.3f%n",
                        p, aFirst ? "A B" : "B A", ipsA[p], lossA[p], otherA[p], ipsB[p], lossB[p], otherB[p], ipsA[p] / ipsB[p]);
            }

            double[] spiA = Arrays.stream(ipsA).map(v -> 1 / v).toArray();
            double[] spiB = Arrays.stream(ipsB).map(v -> 1 / v).toArray();
            // images/s ratio GraphBlock/DJL = (DJL seconds per image) / (GraphBlock seconds per image)
            RatioEstimate speed = BootstrapRatio.ofMedians(spiB, spiA);
            RatioEstimate time = BootstrapRatio.ofMedians(spiA, spiB);
            boolean djlLearns = lossB[pairs - 1] < 0.6 * warmB.trainLoss();
            boolean graphLearns = lossA[pairs - 1] < 0.6 * warmA.trainLoss();
            System.err.printf(Locale.ROOT, "median images/s: GraphBlock %.1f, DJL blocks %.1f; GraphBlock/DJL %.4f "
                            + "[95%% %.4f, %.4f]; loss warm-up → last: GraphBlock %.3f → %.3f, DJL %.3f → %.3f%n",
                    median(ipsA), median(ipsB), speed.median(), speed.lo(), speed.hi(), warmA.trainLoss(),
                    lossA[pairs - 1], warmB.trainLoss(), lossB[pairs - 1]);
            if (!djlLearns || !graphLearns) {
                System.err.println("WARNING: a model did not learn (loss did not fall below 60% of its warm-up loss)");
            }

            StringBuilder json = new StringBuilder("{\n");
            json.append("  \"date\": \"").append(Instant.now()).append("\",\n");
            json.append("  \"cpu\": \"").append(CpuInfo.modelName()).append("\",\n");
            json.append("  \"available_processors\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
            json.append("  \"torch_intra_op_threads\": ").append(JniUtils.getNumThreads()).append(",\n");
            json.append("  \"torch_inter_op_threads\": ").append(JniUtils.getNumInteropThreads()).append(",\n");
            json.append("  \"engine\": \"").append(Engine.getInstance().getEngineName()).append(' ')
                    .append(Engine.getInstance().getVersion()).append(" (DJL ").append(Engine.getDjlVersion()).append(")\",\n");
            json.append("  \"dnnl_max_cpu_isa\": ").append(quoted(System.getenv("DNNL_MAX_CPU_ISA"))).append(",\n");
            json.append("  \"model\": \"resnet20 (1x28x28, 10 classes)\",\n");
            json.append("  \"dataset\": \"fashion-mnist train, mean 0.2860 std 0.3530, no augmentation\",\n");
            json.append(String.format(Locale.ROOT, "  \"optimizer\": \"SGD momentum 0.9, lr %.2f constant, weight decay %.0e (TrainingConfig default)\",%n", LR,
                    base.weightDecay()));
            json.append("  \"batch\": ").append(BATCH).append(",\n");
            json.append("  \"batches_per_round\": ").append(batches).append(",\n");
            json.append("  \"rounds_per_model\": ").append(pairs).append(",\n");
            json.append("  \"order\": \"").append(order).append("\",\n");
            json.append("  \"trainable_elements\": {\"graphblock\": ").append(countA).append(", \"djl_blocks\": ")
                    .append(countB).append("},\n");
            json.append(String.format(Locale.ROOT, "  \"initial_eval_logits_max_abs_difference\": %.3g,%n", logitDiff));
            json.append(String.format(Locale.ROOT, "  \"graphblock_images_per_second_median\": %.2f,%n", median(ipsA)));
            json.append(String.format(Locale.ROOT, "  \"djl_blocks_images_per_second_median\": %.2f,%n", median(ipsB)));
            json.append(String.format(Locale.ROOT,
                    "  \"speed_ratio_graphblock_over_djl\": {\"median\": %.4f, \"ci95_lo\": %.4f, \"ci95_hi\": %.4f, \"resamples\": %d},%n",
                    speed.median(), speed.lo(), speed.hi(), speed.resamples()));
            json.append(String.format(Locale.ROOT,
                    "  \"time_ratio_graphblock_over_djl\": {\"median\": %.4f, \"ci95_lo\": %.4f, \"ci95_hi\": %.4f},%n",
                    time.median(), time.lo(), time.hi()));
            json.append("  \"graphblock_images_per_second\": ").append(list(ipsA, "%.2f")).append(",\n");
            json.append("  \"djl_blocks_images_per_second\": ").append(list(ipsB, "%.2f")).append(",\n");
            json.append(String.format(Locale.ROOT, "  \"warmup_loss\": {\"graphblock\": %.4f, \"djl_blocks\": %.4f},%n",
                    warmA.trainLoss(), warmB.trainLoss()));
            json.append("  \"graphblock_train_loss\": ").append(list(lossA, "%.4f")).append(",\n");
            json.append("  \"djl_blocks_train_loss\": ").append(list(lossB, "%.4f")).append(",\n");
            json.append("  \"graphblock_train_accuracy\": ").append(list(accA, "%.4f")).append(",\n");
            json.append("  \"djl_blocks_train_accuracy\": ").append(list(accB, "%.4f")).append(",\n");
            json.append("  \"other_processes_cores_during_graphblock_rounds\": ").append(list(otherA, "%.2f")).append(",\n");
            json.append("  \"other_processes_cores_during_djl_rounds\": ").append(list(otherB, "%.2f")).append(",\n");
            json.append("  \"both_learn\": ").append(djlLearns && graphLearns).append("\n}\n");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json.toString());
            System.out.print(json);
        }
    }

    /** Cores used by other processes during the last round (from /proc/stat minus this process's CPU time). */
    static double lastOtherLoad = Double.NaN;

    static EpochStats round(TrainingLoop loop, ImageDataset dataset, Preprocessing prep, TrainingConfig cfg,
                            CancellationToken cancel) {
        long[] before = systemBusyJiffies();
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        TrainingResult r = loop.train(dataset, prep, cfg, cancel);
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double own = (processCpuNanos() - cpuBefore) / 1e9;
        long[] after = systemBusyJiffies();
        lastOtherLoad = before == null || after == null ? Double.NaN
                : Math.max(0, ((after[0] - before[0]) / 100.0 - own) / wall);
        if (r.diverged()) {
            throw new IllegalStateException(r.message());
        }
        return r.epochs().get(0);
    }

    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    /** Busy jiffies (USER_HZ, 100/s on Linux) of all CPUs: everything but idle and iowait; null off Linux. */
    static long[] systemBusyJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return new long[] {busy};
        } catch (Exception e) {
            return null;
        }
    }

    /** ResNet-20 as CifarResNet builds it, in DJL blocks; records each weighted block with its graph node name. */
    static SequentialBlock djlResNet20(List<Pair<String, Block>> named) {
        SequentialBlock net = new SequentialBlock();
        net.add(conv("stem.conv", 16, 3, 1, 1, named)).add(bn("stem.bn", named)).add(Activation.reluBlock());
        int[] widths = {16, 32, 64};
        int channels = 16;
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                int width = widths[stage];
                String name = "layer" + (stage + 1) + "." + block;
                SequentialBlock main = new SequentialBlock()
                        .add(conv(name + ".conv1", width, 3, stride, 1, named)).add(bn(name + ".bn1", named))
                        .add(Activation.reluBlock())
                        .add(conv(name + ".conv2", width, 3, 1, 1, named)).add(bn(name + ".bn2", named));
                Block shortcut = stride != 1 || channels != width
                        ? new SequentialBlock().add(conv(name + ".shortcut.conv", width, 1, stride, 0, named))
                                .add(bn(name + ".shortcut.bn", named))
                        : Blocks.identityBlock();
                net.add(new ParallelBlock(
                        l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())),
                        Arrays.asList(main, shortcut)));
                net.add(Activation.reluBlock());
                channels = width;
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        Linear fc = Linear.builder().setUnits(10).build();
        named.add(new Pair<>("fc", fc));
        net.add(fc);
        return net;
    }

    static Block conv(String name, int filters, int kernel, int stride, int pad, List<Pair<String, Block>> named) {
        Conv2d c = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(false).build();
        named.add(new Pair<>(name, c));
        return c;
    }

    static Block bn(String name, List<Pair<String, Block>> named) {
        BatchNorm b = BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
        named.add(new Pair<>(name, b));
        return b;
    }

    /** Copies the graph's initial weights and BatchNorm statistics into the DJL blocks. */
    static void copyWeights(Graph graph, List<Pair<String, Block>> named) {
        for (Pair<String, Block> e : named) {
            String node = e.getKey();
            for (Pair<String, Parameter> p : e.getValue().getDirectParameters()) {
                String suffix = switch (p.getKey()) {
                    case "weight", "gamma" -> ".weight";
                    case "bias", "beta" -> ".bias";
                    case "runningMean" -> ".running_mean";
                    case "runningVar" -> ".running_var";
                    default -> throw new IllegalStateException("unexpected parameter " + p.getKey());
                };
                float[] v = graph.initializer(node + suffix).orElseThrow().toFloats();
                NDArray a = p.getValue().getArray();
                if (a.size() != v.length) {
                    throw new IllegalStateException(node + suffix + ": " + a.getShape() + " vs " + v.length + " values");
                }
                a.set(v);
            }
        }
    }

    static long trainableElements(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    static double maxLogitDifference(Block a, NDManager ma, Block b, NDManager mb, ImageDataset dataset, Preprocessing prep) {
        int[] idx = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            idx[i] = i;
        }
        try (BatchStream s = BatchStream.of(dataset, prep, BATCH, idx);
             NDManager sa = ma.newSubManager();
             NDManager sb = mb.newSubManager()) {
            Batch batch = s.next();
            float[] la = a.forward(new ParameterStore(sa, false), new NDList(sa.create(batch.data(), new Shape(batch.shape()))),
                    false).singletonOrThrow().toFloatArray();
            float[] lb = b.forward(new ParameterStore(sb, false), new NDList(sb.create(batch.data(), new Shape(batch.shape()))),
                    false).singletonOrThrow().toFloatArray();
            if (la.length != lb.length) {
                return Double.POSITIVE_INFINITY;
            }
            double max = 0;
            for (int i = 0; i < la.length; i++) {
                max = Math.max(max, Math.abs(la[i] - lb[i]));
            }
            return max;
        }
    }

    static String list(double[] v, String fmt) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, fmt, v[i]));
        }
        return s.append(']').toString();
    }

    static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
