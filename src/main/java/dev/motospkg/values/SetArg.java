package dev.motospkg.values;

/** One {@code --set}, {@code --set-string} or {@code --set-file} argument, in command-line order. */
public record SetArg(SetMode mode, String text) {
}
