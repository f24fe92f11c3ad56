package io.sluice.cli;

import java.util.Locale;

/** The text of the progress line: bytes done, percentage and total, rate and ETA. Pure functions. */
final class ProgressFormat {
    private ProgressFormat() {}

    /**
     * One progress line. {@code total < 0} means unknown (stdin): then only bytes and rate.
     * Example: {@code "  1.5 MiB / 10.0 MiB  15%  3.0 MiB/s  ETA 0:03"}.
     */
    static String line(long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(bytes(done));
        if (total >= 0) {
            sb.append(" / ").append(bytes(total));
            long pct = total == 0 ? 100 : Math.min(100, done * 100 / total);
            sb.append(String.format(Locale.ROOT, "  %3d%%", pct));
        }
        sb.append("  ").append(bytes((long) rate)).append("/s");
        if (total >= 0 && rate > 0 && done < total) {
            sb.append("  ETA ").append(duration((long) Math.ceil((total - done) / rate)));
        }
        return sb.toString();
    }

    /** Binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 10.0 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
