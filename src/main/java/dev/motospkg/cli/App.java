package dev.motospkg.cli;

import dev.motospkg.action.Lint;
import dev.motospkg.action.RenderPipeline;
import dev.motospkg.action.Template;
import dev.motospkg.chart.ChartLoader;
import dev.motospkg.io.UserFiles;
import dev.motospkg.render.RenderLimits;
import dev.motospkg.render.TemplateEngine;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.values.SetParser;
import dev.motospkg.values.ValuesAssembler;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The composition root: the one place that builds the engine's parts and hands them to commands.
 * Parts are created on first use so a command only pays for what it needs.
 */
final class App {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path workDir;
    private RenderPipeline pipeline;

    App(PrintWriter out, PrintWriter err, Path workDir) {
        this.out = out;
        this.err = err;
        this.workDir = workDir;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    RenderPipeline pipeline() {
        if (pipeline == null) {
            YamlCodec yaml = new YamlCodec();
            pipeline = new RenderPipeline(workDir, new ChartLoader(yaml),
                    new ValuesAssembler(yaml, new SetParser(), UserFiles::read),
                    new TemplateEngine(yaml, RenderLimits.defaults()), new ManifestParser(yaml));
        }
        return pipeline;
    }

    Template template() {
        return new Template(pipeline());
    }

    Lint lint() {
        return new Lint(pipeline());
    }
}
