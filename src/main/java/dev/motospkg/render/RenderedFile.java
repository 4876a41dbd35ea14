package dev.motospkg.render;

/** A template's output, before it is split into objects. {@code name} is {@code templates/<file>}. */
public record RenderedFile(String name, String text) {

    /** Only blank lines, comments and {@code ---}. Scans in place: it runs over every rendered document. */
    public boolean isBlank() {
        for (int from = 0; from <= text.length(); ) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl;
            int first = from;
            int last = end;
            while (first < last && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            while (last > first && Character.isWhitespace(text.charAt(last - 1))) {
                last--;
            }
            boolean dashes = last - first == 3 && text.startsWith("---", first);
            if (first < last && text.charAt(first) != '#' && !dashes) {
                return false;
            }
            from = end + 1;
        }
        return true;
    }
}
