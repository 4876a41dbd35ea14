package dev.motospkg.schema;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for mistyped keys. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The closest known key: optimal-string-alignment (Damerau) distance at most 2 (at most 1 for keys of up to
     * 3 characters), compared case-insensitively, or one being a prefix (at least 3 characters) or suffix (at least
     * 4 characters, e.g. imagePullPolicy / pullPolicy) of the other.
     * Ties go to the alphabetically first key. Null when nothing is close.
     */
    static String closest(String key, Collection<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(key)) {
                continue;
            }
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(k, c);
            int limit = Math.min(k.length(), c.length()) <= 3 ? 1 : 2;
            int score;
            if (d <= limit) {
                score = d;
            } else if (Math.min(k.length(), c.length()) >= 3 && (c.startsWith(k) || k.startsWith(c))
                    || Math.min(k.length(), c.length()) >= 4 && (c.endsWith(k) || k.endsWith(c))) {
                score = 3;
            } else {
                continue;
            }
            if (score < bestScore || (score == bestScore && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
