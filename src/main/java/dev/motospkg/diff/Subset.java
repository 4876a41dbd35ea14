package dev.motospkg.diff;

import java.util.List;
import java.util.Map;

/**
 * Whether every field of a desired object has the same value in the live one. When it does, and the
 * chart did not change the object, a server dry-run would find nothing to change, so none is sent.
 * A false "no" (a value the server rewrites, like cpu 0.5 to 500m) only costs that dry-run.
 */
public final class Subset {
    private Subset() {
    }

    public static boolean matches(Object desired, Object live) {
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                return false;
            }
            for (Map.Entry<?, ?> e : want.entrySet()) {
                if (!matches(e.getValue(), have.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have) || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!matches(want.get(i), have.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof Number a && live instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return desired == null ? live == null : live != null && desired.toString().equals(live.toString());
    }
}
