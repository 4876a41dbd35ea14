package dev.motospkg.values;

/**
 * Helm's {@code --set} type guessing (strvals {@code typedVal}): {@code true}/{@code false} (any
 * case) become {@link Boolean}, {@code null} (any case) becomes {@code null}, decimal integers that
 * fit a {@code long} become {@link Long}, everything else stays a {@link String}.
 *
 * <p>Like Helm, a leading zero keeps the text a string ({@code 007}, but {@code 0} is a number) and
 * floats stay strings ({@code 1.5}, {@code 1e3}). Unlike Helm, a leading {@code +} also keeps it a
 * string ({@code +5}); Helm's Go parser would turn that into 5.
 */
public final class TypeGuess {

    private TypeGuess() {
    }

    public static Object guess(String text) {
        if (text == null || text.equalsIgnoreCase("null")) {
            return null;
        }
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (text.equals("0")) {
            return 0L;
        }
        if (isAsciiInteger(text) && text.charAt(0) != '0') {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException overflow) {
                return text;
            }
        }
        return text;
    }

    /** Optional '-' then one or more ASCII digits (Long.parseLong alone would accept '+' and non-ASCII digits). */
    private static boolean isAsciiInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
