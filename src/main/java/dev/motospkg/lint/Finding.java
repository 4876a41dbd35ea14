package dev.motospkg.lint;

/** One lint result: what is wrong with which object, and what to do about it. */
public record Finding(Severity severity, String object, String source, String message, String hint) {
}
