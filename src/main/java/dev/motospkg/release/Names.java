package dev.motospkg.release;

import dev.motospkg.error.MotosException;
import java.util.regex.Pattern;

/**
 * The names a release lives under, checked as Helm and Kubernetes check them before anything is
 * rendered or sent: a release name becomes part of object names and of the Secret
 * {@code sh.helm.release.v1.NAME.vN}, a namespace is a DNS label. (Chart names: {@code ChartLoader}.)
 */
public final class Names {
    /** Helm's limit: Secret names and labels built from the release name must stay within 63. */
    public static final int MAX_RELEASE = 53;
    public static final int MAX_NAMESPACE = 63;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Names() {
    }

    public static String release(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_RELEASE || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
            throw MotosException.invalid("invalid release name " + shown(name) + ": "
                    + rule("lower-case letters, digits, '-' and '.'", MAX_RELEASE, name),
                    "Name it like a Kubernetes object, e.g. motos or motos-staging.");
        }
        return name;
    }

    public static String namespace(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > MAX_NAMESPACE
                || !DNS_1123_LABEL.matcher(namespace).matches()) {
            throw MotosException.invalid("invalid namespace " + shown(namespace) + ": "
                    + rule("lower-case letters, digits and '-'", MAX_NAMESPACE, namespace),
                    "A namespace is a DNS label, e.g. motos-app.");
        }
        return namespace;
    }

    static String rule(String allowed, int max, String value) {
        if (value != null && value.length() > max) {
            return value.length() + " characters, at most " + max + " are allowed";
        }
        return "use " + allowed + ", starting and ending with a letter or digit, at most " + max + " characters";
    }

    /** Quoted, and shortened: a name may be a pasted mistake of any length. */
    static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        String s = name.length() > 70 ? name.substring(0, 60) + "…" : name;
        return "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
