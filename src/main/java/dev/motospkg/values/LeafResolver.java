package dev.motospkg.values;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides the object stored at a leaf for an assignment's value (e.g. schema-aware typing). Lists it
 * returns should be mutable ({@link ArrayList}) so that later index assignments can extend them.
 */
@FunctionalInterface
public interface LeafResolver {

    Object resolve(List<Object> path, SetValue value);

    /**
     * Helm's behaviour without a schema: guessable values go through {@link TypeGuess}, others stay
     * raw strings, lists are resolved element-wise into an {@link ArrayList}.
     */
    static LeafResolver helmGuessing() {
        return (path, value) -> helmValue(value);
    }

    private static Object helmValue(SetValue value) {
        if (value.isList()) {
            List<Object> out = new ArrayList<>(value.elements().size());
            for (SetValue element : value.elements()) {
                out.add(helmValue(element));
            }
            return out;
        }
        return value.guessable() ? TypeGuess.guess(value.text()) : value.text();
    }
}
