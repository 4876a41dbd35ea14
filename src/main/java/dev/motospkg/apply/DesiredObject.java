package dev.motospkg.apply;

import dev.motospkg.kube.ObjectKey;
import java.util.Map;

/** An object ready to send: namespace filled in, release marks stamped; with the template it came from. */
public record DesiredObject(ObjectKey key, String source, Map<String, Object> body) {

    public String kind() {
        return key.kind();
    }
}
