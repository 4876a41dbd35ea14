package dev.motospkg.values;

/** How the right-hand side of a {@code --set}-style assignment is interpreted. */
public enum SetMode {
    /** {@code --set}: the value text may be type-guessed later (see {@link TypeGuess}). */
    SET("--set"),
    /** {@code --set-string}: the value is always a string. */
    STRING("--set-string"),
    /** {@code --set-file}: the value is a path; the file content is the string value. */
    FILE("--set-file");

    private final String flag;

    SetMode(String flag) {
        this.flag = flag;
    }

    /** The command-line flag for this mode, e.g. {@code --set-string}. */
    public String flag() {
        return flag;
    }
}
