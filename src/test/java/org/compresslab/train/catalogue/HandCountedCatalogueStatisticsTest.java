package org.compresslab.train.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Parameters and MACs of catalogue networks against counts done by hand. {@link ModelStatistics} counts
 * every float initializer as a parameter — BatchNorm running mean and variance included — and the MACs
 * of Conv, Gemm and MatMul for one image.
 */
class HandCountedCatalogueStatisticsTest {

    private static ModelStatistics stats(String id, int c, int h, int w, int classes) {
        ModelStatistics s = ModelStatistics.of(ModelCatalogue.build(id, c, h, w, classes, 1));
        assertThat(s.problems()).isEmpty();
        return s;
    }

    /** Elements of the initializers whose names end with {@code suffix}. */
    private static long elementsEndingWith(Graph g, String suffix) {
        return g.initializers().values().stream().filter(t -> t.name().endsWith(suffix))
                .mapToLong(Tensor::elementCount).sum();
    }

    // ---- ResNet-20 ------------------------------------------------------------------------------

    @Test
    void resnet20OnCifarHasHandCountedParameters() {
        // stem   conv 16·3·3·3 = 432; bn 4·16 = 64                                           →     496
        // layer1 3 blocks × (2 convs 16·16·9 = 2·2,304 = 4,608 + 2 bn 2·64 = 128) = 3 × 4,736 →  14,208
        // layer2 block 0: conv1 32·16·9 = 4,608, bn 128, conv2 32·32·9 = 9,216, bn 128,
        //                 shortcut 32·16 = 512, bn 128                             = 14,720
        //        blocks 1, 2: 2 × (2·9,216 + 2·128 = 18,688)                      = 37,376 →  52,096
        // layer3 block 0: conv1 64·32·9 = 18,432, bn 256, conv2 64·64·9 = 36,864, bn 256,
        //                 shortcut 64·32 = 2,048, bn 256                           = 58,112
        //        blocks 1, 2: 2 × (2·36,864 + 2·256 = 74,240)                     = 148,480 → 206,592
        // fc     64·10 + 10                                                                   →     650
        // total  496 + 14,208 + 52,096 + 206,592 + 650                                        = 274,042
        // BN channels: stem 16, layer1 6×16, layer2 7×32 (6 + shortcut), layer3 7×64 → 16 + 96 + 224 + 448 = 784,
        //   so running mean and variance are 2·784 = 1,568 of the 274,042
        // trainable 274,042 − 1,568 = 272,474 (PyTorch's count for ResNet-20 with option-B shortcuts)
        Graph g = ModelCatalogue.build("resnet20", 3, 32, 32, 10, 1);
        ModelStatistics s = stats("resnet20", 3, 32, 32, 10);

        assertThat(s.params()).isEqualTo(274_042);
        assertThat(elementsEndingWith(g, ".running_mean") + elementsEndingWith(g, ".running_var")).isEqualTo(1_568);
        assertThat(s.params() - 1_568).isEqualTo(272_474);
        assertThat(s.nonZeroParams()).isLessThan(s.params()); // β and running means start at 0
    }

    @Test
    void resnet20OnCifarHasHandCountedMacs() {
        // MACs = output elements × (in_channels · k · k) per conv
        // stem   32·32·16 = 16,384 × 27                                                 =    442,368
        // layer1 6 convs × 16,384 × 144 = 6 × 2,359,296                                 = 14,155,776
        // layer2 16·16·32 = 8,192 outputs: conv1 × 144 = 1,179,648; conv2 × 288 = 2,359,296;
        //        shortcut × 16 = 131,072; 4 more convs × 288 = 9,437,184               = 13,107,200
        // layer3 8·8·64 = 4,096 outputs: conv1 × 288 = 1,179,648; conv2 × 576 = 2,359,296;
        //        shortcut × 32 = 131,072; 4 more convs × 576 = 9,437,184               = 13,107,200
        // fc     64·10                                                                  =        640
        // total  442,368 + 14,155,776 + 13,107,200 + 13,107,200 + 640                   = 40,813,184 (≈ 41 M)
        ModelStatistics s = stats("resnet20", 3, 32, 32, 10);

        assertThat(s.macs()).isEqualTo(40_813_184);
        assertThat(s.layers().stream().filter(l -> l.name().equals("layer2.0.shortcut.conv"))
                .map(LayerStatistics::macs)).containsExactly(131_072L);
    }

    @Test
    void resnet20OnGrayTwentyEightPixelImagesHasHandCountedParametersAndMacs() {
        // params: only the stem changes, 16·1·9 = 144 instead of 432 → 274,042 − 288 = 273,754
        // MACs: stem 28·28·16 = 12,544 × 9 = 112,896; layer1 6 × 12,544 × 144 = 10,838,016;
        //       layer2 14·14·32 = 6,272 outputs × (144 + 288 + 16 + 4·288 = 1,600) = 10,035,200;
        //       layer3 7·7·64 = 3,136 outputs × (288 + 576 + 32 + 4·576 = 3,200)   = 10,035,200; fc 640
        //       total 112,896 + 10,838,016 + 10,035,200 + 10,035,200 + 640 = 31,021,952
        ModelStatistics s = stats("resnet20", 1, 28, 28, 10);

        assertThat(s.params()).isEqualTo(273_754);
        assertThat(s.macs()).isEqualTo(31_021_952);
    }

    // ---- LeNet-5 --------------------------------------------------------------------------------

    @Test
    void lenet5OnGrayTwentyEightPixelImagesHasTheClassicCounts() {
        // shapes: 28 → conv1 pad 2 → 28 → pool 14 → conv2 → 10 → pool 5; flatten 16·5·5 = 400
        // params: conv1 6·1·25 + 6 = 156; conv2 16·6·25 + 16 = 2,416; fc1 400·120 + 120 = 48,120;
        //         fc2 120·84 + 84 = 10,164; fc3 84·10 + 10 = 850 → 61,706
        // MACs:   conv1 6·28·28 = 4,704 × 25 = 117,600; conv2 16·10·10 = 1,600 × 150 = 240,000;
        //         fc 48,000 + 10,080 + 840 → 416,520
        ModelStatistics s = stats("lenet5", 1, 28, 28, 10);

        assertThat(s.params()).isEqualTo(61_706);
        assertThat(s.macs()).isEqualTo(416_520);
        assertThat(s.layers().stream().filter(l -> l.macs() > 0).map(LayerStatistics::macs))
                .containsExactly(117_600L, 240_000L, 48_000L, 10_080L, 840L);
    }

    @Test
    void lenet5OnColourThirtyTwoPixelImagesHasHandCountedCounts() {
        // shapes: 32 → conv1 pad 2 → 32 → pool 16 → conv2 → 12 → pool 6; flatten 16·6·6 = 576
        // params: conv1 6·3·25 + 6 = 456; conv2 2,416; fc1 576·120 + 120 = 69,240; fc2 10,164; fc3 850 → 83,126
        // MACs:   conv1 6·32·32 = 6,144 × 75 = 460,800; conv2 16·12·12 = 2,304 × 150 = 345,600;
        //         fc1 576·120 = 69,120; fc2 10,080; fc3 840 → 886,440
        ModelStatistics s = stats("lenet5", 3, 32, 32, 10);

        assertThat(s.params()).isEqualTo(83_126);
        assertThat(s.macs()).isEqualTo(886_440);
        assertThat(s.layers().stream().filter(l -> l.params() > 0).map(LayerStatistics::params))
                .containsExactly(456L, 2_416L, 69_240L, 10_164L, 850L);
    }

    // ---- VGG-small, ViT-tiny, MobileNetV2 -------------------------------------------------------

    @Test
    void vggSmallOnCifarHasHandCountedCounts() {
        // convs 64·3·9 = 1,728; 64·64·9 = 36,864; 128·64·9 = 73,728; 128·128·9 = 147,456;
        //       256·128·9 = 294,912; 256·256·9 = 589,824 → 1,144,512
        // BN 4 · (64 + 64 + 128 + 128 + 256 + 256 = 896) = 3,584; fc 256·10 + 10 = 2,570 → 1,150,666
        // MACs 32²·64 = 65,536 × (27 + 576) = 39,518,208; 16²·128 = 32,768 × (576 + 1,152) = 56,623,104;
        //      8²·256 = 16,384 × (1,152 + 2,304) = 56,623,104; fc 2,560 → 152,766,976
        ModelStatistics s = stats("vgg-small", 3, 32, 32, 10);

        assertThat(s.params()).isEqualTo(1_150_666);
        assertThat(s.macs()).isEqualTo(152_766_976);
    }

    @Test
    void vitTinyOnCifarHasHandCountedCounts() {
        // P = (32/4)² = 64 patches of 3·4·4 = 48 values, width 64
        // params: patch conv 64·48 + 64 = 3,136; pos_embed 64·64 = 4,096;
        //   per block: norm1 128; qkv 64·192 + 192 = 12,480; proj 64·64 + 64 = 4,160; norm2 128;
        //              fc1 64·128 + 128 = 8,320; fc2 128·64 + 64 = 8,256 → 33,472; 2 blocks 66,944
        //   final norm 128; head 64·10 + 10 = 650; scalar constants (attention scale, GELU √2, 1, ½) 4
        //   total 3,136 + 4,096 + 66,944 + 128 + 650 + 4 = 74,958
        // MACs: patch conv 64·8·8 = 4,096 × 48 = 196,608
        //   per block: qkv 64·192 × 64 = 786,432; q·kᵀ 4·64·64 × 16 = 262,144; ·v 4·64·16 × 64 = 262,144;
        //              proj 64·64 × 64 = 262,144; fc1 64·128 × 64 = 524,288; fc2 64·64 × 128 = 524,288
        //              → 2,621,440; 2 blocks 5,242,880
        //   head 640; total 196,608 + 5,242,880 + 640 = 5,440,128
        ModelStatistics s = stats("vit-tiny", 3, 32, 32, 10);

        assertThat(s.params()).isEqualTo(74_958);
        assertThat(s.macs()).isEqualTo(5_440_128);
    }

    @Test
    void mobileNetV2TrainableParametersEqualTorchvisionsForImageNetClasses() {
        // torchvision.models.mobilenet_v2() (width 1.0, 1000 classes) has 3,504,872 parameters; strides do
        // not change parameter counts, so ours minus BN running statistics and the two ReLU6 bounds must match
        Graph g = ModelCatalogue.build("mobilenetv2-1.0", 3, 32, 32, 1000, 1);
        long all = ModelStatistics.of(g).params();
        long runningStatistics = elementsEndingWith(g, ".running_mean") + elementsEndingWith(g, ".running_var");

        assertThat(all - runningStatistics - 2).isEqualTo(3_504_872);
    }
}
