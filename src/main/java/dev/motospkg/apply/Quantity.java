package dev.motospkg.apply;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities (1Gi, 512Mi, 1.5G, 100m, 1e3) compared by value. */
public final class Quantity {
    private static final Pattern FORM = Pattern.compile("^([+-]?[0-9.]+)([eE][+-]?[0-9]+|[KMGTPE]i|[kMGTPEmun])?$");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1024L)), Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private Quantity() {
    }

    /** The value in base units, or null when the text is not a quantity. */
    public static BigDecimal parse(Object text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.toString().trim());
        if (!m.matches()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(m.group(1));
            String suffix = m.group(2);
            if (suffix == null) {
                return number;
            }
            if (suffix.startsWith("e") || suffix.startsWith("E")) {
                return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
            }
            return number.multiply(SUFFIX.get(suffix));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
