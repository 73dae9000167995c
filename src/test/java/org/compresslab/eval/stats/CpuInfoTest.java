package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    @Test
    void parsesFirstModelNameLineOfProcCpuinfo() {
        List<String> lines = List.of(
                "processor\t: 0",
                "vendor_id\t: GenuineIntel",
                "model\t\t: 85",
                "model name\t: Intel(R) Xeon(R)  Gold 6248 CPU @ 2.50GHz",
                "",
                "processor\t: 1",
                "model name\t: Something Else");

        assertThat(CpuInfo.parseModelName(lines)).contains("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz");
    }

    @Test
    void doesNotMistakeTheModelNumberLineForTheName() {
        assertThat(CpuInfo.parseModelName(List.of("model\t\t: 85"))).isEmpty();
    }

    @Test
    void armCpuinfoWithoutModelNameGivesNothing() {
        List<String> lines = List.of("processor\t: 0", "BogoMIPS\t: 48.00", "CPU implementer\t: 0x41");

        assertThat(CpuInfo.parseModelName(lines)).isEmpty();
    }

    @Test
    void blankModelNameIsIgnored() {
        assertThat(CpuInfo.parseModelName(List.of("model name\t:   ", "model name\t: Real CPU")))
                .contains("Real CPU");
    }

    @Test
    void fallbackNamesArchitectureAndProcessorCount() {
        String description = CpuInfo.fallbackDescription();

        assertThat(description)
                .startsWith(System.getProperty("os.arch"))
                .contains(String.valueOf(Runtime.getRuntime().availableProcessors()))
                .contains("logical processor");
    }

    @Test
    void modelNameOfThisMachineIsNeverBlank() {
        assertThat(CpuInfo.modelName()).isNotBlank();
    }
}
