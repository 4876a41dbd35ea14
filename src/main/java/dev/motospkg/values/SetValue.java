package dev.motospkg.values;

import java.util.List;

/**
 * Right-hand side of one assignment: either a scalar {@code text} or a list literal
 * ({@code {a,b}}) holding {@code elements}; exactly one of the two is non-null.
 *
 * <p>{@code guessable} is true for {@link SetMode#SET} values: the values layer decides the type
 * later (schema first, else {@link TypeGuess}). {@link SetMode#STRING} and {@link SetMode#FILE}
 * values are never guessable.
 */
public record SetValue(String text, List<SetValue> elements, boolean guessable) {

    public SetValue {
        if ((text == null) == (elements == null)) {
            throw new IllegalArgumentException("exactly one of text and elements must be non-null");
        }
        elements = elements == null ? null : List.copyOf(elements);
    }

    /** A {@code --set} scalar whose type is decided later. */
    public static SetValue guessable(String text) {
        return new SetValue(text, null, true);
    }

    /** A scalar that is always a string ({@code --set-string}, {@code --set-file}). */
    public static SetValue literal(String text) {
        return new SetValue(text, null, false);
    }

    /** A list literal; {@code guessable} records the mode the list was written under. */
    public static SetValue list(List<SetValue> elements, boolean guessable) {
        return new SetValue(null, elements, guessable);
    }

    public boolean isList() {
        return elements != null;
    }

    /**
     * True for a guessable scalar spelled {@code null} (any case, as Helm's typedVal): assigning it
     * deletes the key.
     */
    public boolean isNull() {
        return guessable && text != null && text.equalsIgnoreCase("null");
    }
}
