package dev.motospkg.chart;

/** One file under templates/: its chart-relative name ({@code templates/06-backend-deployment.yaml}) and text. */
public record TemplateFile(String name, String text) {

    /** Partials (leading underscore) hold macros for other templates and render to nothing themselves. */
    public boolean isPartial() {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.startsWith("_");
    }
}
