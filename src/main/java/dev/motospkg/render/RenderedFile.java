package dev.motospkg.render;

/** A template's output, before it is split into objects. {@code name} is {@code templates/<file>}. */
public record RenderedFile(String name, String text) {

    public boolean isBlank() {
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---")) {
                return false;
            }
        }
        return true;
    }
}
