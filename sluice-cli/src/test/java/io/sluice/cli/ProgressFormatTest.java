package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    @Test
    void bytesInBinaryUnits() {
        assertThat(ProgressFormat.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressFormat.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressFormat.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(ProgressFormat.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressFormat.bytes(10L << 20)).isEqualTo("10.0 MiB");
        assertThat(ProgressFormat.bytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(ProgressFormat.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void lineWithKnownTotalHasPercentRateAndEta() {
        assertThat(ProgressFormat.line(1L << 20, 10L << 20, 0.5))
                .isEqualTo("1.0 MiB / 10.0 MiB   10%  2.0 MiB/s  ETA 0:05");
        assertThat(ProgressFormat.line(10L << 20, 10L << 20, 2)).isEqualTo("10.0 MiB / 10.0 MiB  100%  5.0 MiB/s");
        assertThat(ProgressFormat.line(0, 0, 0)).isEqualTo("0 B / 0 B  100%  0 B/s");
    }

    @Test
    void lineWithUnknownTotalHasBytesAndRateOnly() {
        assertThat(ProgressFormat.line(5L << 20, -1, 1)).isEqualTo("5.0 MiB  5.0 MiB/s");
    }

    @Test
    void durations() {
        assertThat(ProgressFormat.duration(5)).isEqualTo("0:05");
        assertThat(ProgressFormat.duration(3599)).isEqualTo("59:59");
        assertThat(ProgressFormat.duration(3600 + 62)).isEqualTo("1:01:02");
    }
}
