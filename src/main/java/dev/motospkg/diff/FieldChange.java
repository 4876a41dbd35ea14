package dev.motospkg.diff;

/**
 * One changed leaf: {@code path} like {@code spec.replicas} or {@code spec.template.spec.containers[0].image};
 * {@code manager} is the field manager that last set the live value when it was not motospkg (drift), else null.
 */
public record FieldChange(String path, Object before, Object after, String manager) {
}
