package dev.motospkg.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Counts (context lines, revisions to keep): 0 or more, and small enough to mean something. */
final class NonNegativeInt implements ITypeConverter<Integer> {
    static final int MAX = 1_000_000;

    @Override
    public Integer convert(String value) {
        if (!value.matches("[0-9]{1,7}") || Integer.parseInt(value) > MAX) {
            throw new TypeConversionException("'" + (value.length() > 30 ? value.substring(0, 30) + "…" : value)
                    + "' is not a whole number from 0 to " + MAX);
        }
        return Integer.parseInt(value);
    }
}
