package dev.motospkg.render;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a template gets for a key its values do not have (Jinja's chainable strict undefined). Only
 * {@code is defined}, {@code is undefined} and {@code | default} may look at it; any other use
 * ({@code {{ values.ingres.host | quote }}}, an {@code if}, a filter) fails the render, so a typo
 * never renders as an empty string.
 */
final class Undefined implements PyishSerializable {
    private final Undefined parent;
    private final String path;
    private final String missingKey;
    private final List<Undefined> children = new ArrayList<>();
    private boolean excused;

    private Undefined(Undefined parent, String path, String missingKey) {
        this.parent = parent;
        this.path = path;
        this.missingKey = missingKey;
    }

    /** {@code base.key} where base (named {@code basePath}, null when unknown) has no such key. */
    static Undefined missing(String basePath, String key) {
        return new Undefined(null, basePath == null ? key : basePath + "." + key, basePath == null ? key
                : basePath + "." + key);
    }

    Undefined child(String key) {
        Undefined child = new Undefined(this, path + "." + key, missingKey);
        children.add(child);
        return child;
    }

    /** Asked about by {@code is defined} or {@code default}: a legitimate use, for the whole chain. */
    void excuse() {
        for (Undefined u = this; u != null; u = u.parent) {
            u.excused = true;
        }
    }

    /** Used for something else, and nothing further down the chain was used: this is the use to report. */
    boolean misused() {
        return !excused && children.isEmpty();
    }

    String describe() {
        return path.equals(missingKey) ? path + " is not defined"
                : path + " is not defined (" + missingKey + " is not)";
    }

    static Object excused(Object var) {
        if (var instanceof Undefined u) {
            u.excuse();
            return null;
        }
        return var;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) {
        return appendable; // prints nothing; the render fails on it anyway
    }

    @Override
    public String toString() {
        return "";
    }
}
