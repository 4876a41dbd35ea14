package dev.motospkg.hostile;

import static dev.motospkg.hostile.HostileInputCorpusTest.PASSWORD;
import static dev.motospkg.hostile.HostileInputCorpusTest.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds one hostile case from the seeded random: a kind that is always invalid, plus noise. */
final class Generator {
    private final Random random;
    private final Path tmp;
    private final Path outputRoot;
    private int files;

    Generator(Random random, Path tmp) {
        this.random = random;
        this.tmp = tmp;
        this.outputRoot = tmp.resolve("out");
        try {
            Files.createDirectories(outputRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String junk(int max) {
        String alphabet = "abcxyz019=,.[]{}\\\"' -_:/*&!|%\t\u00e9\u4e2d";
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String typo(String word) {
        StringBuilder sb = new StringBuilder(word);
        int i = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
            case 0 -> sb.deleteCharAt(i);
            case 1 -> sb.insert(i, (char) ('a' + random.nextInt(26)));
            default -> sb.setCharAt(i, sb.charAt(i) == 'x' ? 'y' : 'x');
        }
        return sb.toString().equals(word) ? word + "x" : sb.toString();
    }

    /** Valid assignments that put the password into play, so any echo of it shows. */
    private List<String> noise() {
        List<String> args = new ArrayList<>();
        if (random.nextBoolean()) {
            args.add("--set-string");
            args.add("postgres.auth.password=" + PASSWORD);
        }
        if (random.nextInt(3) == 0) {
            args.add("--set");
            args.add("backend.tag=v" + random.nextInt(9));
        }
        return args;
    }

    private Path file(String text) {
        return write(tmp.resolve("case-" + (files++) + ".yaml"), text);
    }

    private Path bytesFile(byte[] bytes) {
        Path p = tmp.resolve("case-" + (files++) + ".bin");
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    HostileInputCorpusTest.Case next(int index) {
        int kind = index % 11;
        return switch (kind) {
            case 0 -> setSyntax();
            case 1 -> sensitiveTypo();
            case 2 -> badValue();
            case 3 -> valuesFile();
            case 4 -> specialFile();
            case 5 -> names();
            case 6 -> numericFlags();
            case 7 -> charts();
            case 8 -> outputDir();
            case 9 -> kubeconfigs(index);
            default -> clusterNames();
        };
    }

    private HostileInputCorpusTest.Case of(String kind, List<String> args) {
        return new HostileInputCorpusTest.Case(kind, args);
    }

    private List<String> template(List<String> more) {
        List<String> args = new ArrayList<>(List.of("template"));
        args.addAll(noise());
        args.addAll(more);
        return args;
    }

    private HostileInputCorpusTest.Case setSyntax() {
        String broken = pick(List.of("a=b,", "a=b\\", "", "a={x,y", "a[x]=1", "a[-1]=1", "a[99999999]=1", "a..b=1",
                "\"a=1", "abc", "=x", ",a=b", "a.=1", "a={x}y", "a[0", "a=b,,c=d"));
        String before = random.nextBoolean() ? "postgres.auth.password=" + PASSWORD + "," : "";
        String extra = random.nextInt(4) == 0 ? junk(3).replace(",", "").replace("=", "") : "";
        return of("set-syntax", template(List.of(pick(List.of("--set", "--set-string")), before + broken + extra)));
    }

    private HostileInputCorpusTest.Case sensitiveTypo() {
        String flag = pick(List.of("--set", "--set-string"));
        String arg = switch (random.nextInt(4)) {
            case 0 -> "postgres.auth." + typo("password") + "=" + PASSWORD;
            case 1 -> "postgres.auth.password={" + PASSWORD + ",x}";
            case 2 -> "postgres.auth.password[0]=" + PASSWORD;
            default -> "postgres." + typo("auth") + ".password=" + PASSWORD;
        };
        return of("sensitive-typo", template(List.of(flag, arg)));
    }

    private HostileInputCorpusTest.Case badValue() {
        String arg = pick(List.of("postgres.storage=0", "postgres.storage=0Gi", "media.storage=-1Gi", "media.storage=ten",
                "backend.tag=latest", "frontend.service.type=Bogus", typo("backend") + ".tag=v2",
                "frontend.service.nodePort=80", "postgres.port=99999", "postgres.port=-1", "backend.tag=" + junk(3) + " x"));
        return of("bad-value", template(List.of("--set", arg)));
    }

    private HostileInputCorpusTest.Case valuesFile() {
        Path p = switch (random.nextInt(14)) {
            case 0 -> file("a: &a [*a]\n");
            case 1 -> file("env: &e {X: *e}\n");
            case 2 -> file(bomb(3 + random.nextInt(6)));
            case 3 -> file("a:".repeat(0) + nested(150 + random.nextInt(400)));
            case 4 -> file("~: 1\n");
            case 5 -> file("backend:\n  replicas: !!int x" + junk(2).replaceAll("[\\s#]", "") + "\n");
            case 6 -> file("- a\n- b\n");
            case 7 -> file("backend: {tag: v1}\nbackend: {tag: v2}\n");
            case 8 -> file("postgres:\n  auth:\n    " + typo("password") + ": " + PASSWORD + "\n");
            case 9 -> file("postgres:\n  auth:\n    password: [" + PASSWORD + "]\n");
            case 10 -> bytesFile(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', ':', ' ', (byte) 0xc3});
            case 11 -> file("password: " + "x".repeat(1024 * 1024 + 10) + "\n");
            case 12 -> file("a: !!float y\n");
            default -> file("backend:\n\ttag: v1\n" + junk(5));
        };
        // no --set noise: a --set-string of the password would replace what the file got wrong
        return of("values-file", List.of("template", "-f", p.toString()));
    }

    private static String bomb(int levels) {
        StringBuilder sb = new StringBuilder("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for (int i = 1; i <= levels; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    private static String nested(int depth) {
        return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    private HostileInputCorpusTest.Case specialFile() {
        String target = pick(List.of("/dev/zero", "/dev/urandom", "/dev/null/x", HostileInputCorpusTest.fifo().toString(),
                tmp.toString(), tmp.resolve("missing-" + random.nextInt(1000)).toString(), "/proc/self/mem"));
        List<String> args = random.nextBoolean() ? List.of("-f", target)
                : List.of("--set-file", "postgres.auth.password=" + target);
        return of("special-file", template(args));
    }

    private String badName() {
        return pick(List.of("../../x", "UPPER", "a b", "", "x".repeat(54 + random.nextInt(250)), "-a", "a-", "a_b",
                "\u00e9t\u00e9", "a\tb", "a/b", ".", "..", "a..b", "motos;rm -rf", junk(6) + "A"));
    }

    private HostileInputCorpusTest.Case names() {
        return switch (random.nextInt(3)) {
            case 0 -> of("names", template(List.of("--release-name", badName())));
            case 1 -> of("names", template(List.of("-n", pick(List.of("x".repeat(64 + random.nextInt(100)),
                    "UPPER", "a.b", "a b", "", "-x", "../x")))));
            default -> of("names", template(List.of("--release-name", badName(), "-n", "ok")));
        };
    }

    private HostileInputCorpusTest.Case numericFlags() {
        String kubeconfig = HostileInputCorpusTest.unreachableKubeconfig().toString();
        return switch (random.nextInt(4)) {
            case 0 -> of("numeric-flag", List.of("diff", "upgrade", "--kubeconfig", kubeconfig, "--context",
                    pick(List.of("-1", "x", "99999999999", "1e3", ""))));
            case 1 -> of("numeric-flag", List.of("upgrade", "--kubeconfig", kubeconfig, "--history-max",
                    pick(List.of("-1", "ten", "2147483648", ""))));
            case 2 -> of("numeric-flag", List.of("rollback", "--kubeconfig", kubeconfig, "--history-max", "-5"));
            default -> of("numeric-flag", List.of("upgrade", "--kubeconfig", kubeconfig, "--timeout",
                    pick(List.of("99999999999999999h", "-5s", "", "5x", "1.5m", "h"))));
        };
    }

    private Path chart(String name, String schema, List<String> templates) {
        Path dir = tmp.resolve("chart-" + (files++));
        write(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
        write(dir.resolve("values.yaml"), "x: 1\n");
        if (schema != null) {
            write(dir.resolve("values.schema.json"), schema);
        }
        try {
            Files.createDirectories(dir.resolve("templates"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < templates.size(); i++) {
            write(dir.resolve("templates/" + i + ".yaml"), templates.get(i));
        }
        return dir;
    }

    private static final String SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\n  namespace: ns\n"
            + "spec:\n  ports:\n  - port: 80\n";

    private HostileInputCorpusTest.Case charts() {
        Path dir = switch (random.nextInt(8)) {
            case 0 -> chart("empty", null, List.of());
            case 1 -> chart("dup", null, List.of(SERVICE, SERVICE));
            case 2 -> chart("\"../../evil\"", null, List.of(SERVICE));
            case 3 -> chart("cyclic", "{\"$ref\":\"#\"}", List.of(SERVICE));
            case 4 -> chart("cyclic2", "{\"$defs\":{\"a\":{\"allOf\":[{\"$ref\":\"#/$defs/a\"}]}},\"$ref\":\"#/$defs/a\"}",
                    List.of(SERVICE));
            case 5 -> chart("jinja", null, List.of("{{ x | nosuchfilter }}\n" + SERVICE));
            case 6 -> chart("jinja2", null, List.of("{% if %}\n" + SERVICE));
            default -> chart("onlycomments", null, List.of("# nothing\n---\n# still nothing\n"));
        };
        return of("chart", List.of("template", "--chart", dir.toString(), "-n", "ns"));
    }

    private HostileInputCorpusTest.Case outputDir() {
        if (random.nextInt(3) == 0) {
            return of("output-dir", template(List.of("--output-dir", pick(List.of("", " ")))));
        }
        Path out = outputRoot.resolve("run-" + (files++));
        return of("output-dir", template(List.of("--output-dir", out.toString(), "--set",
                pick(List.of("backend.tag=latest", "a=b,", typo("frontend") + ".x=1")))));
    }

    private HostileInputCorpusTest.Case kubeconfigs(int index) {
        Path kubeconfig;
        if (index == 9) {
            kubeconfig = HostileInputCorpusTest.silentKubeconfig(); // a read deadline of 10 s: once
        } else {
            kubeconfig = switch (random.nextInt(6)) {
                case 0 -> HostileInputCorpusTest.kubeconfig("ftp", "ftp://127.0.0.1:" + (1 + random.nextInt(65000)));
                case 1 -> HostileInputCorpusTest.kubeconfig("nonurl", pick(List.of("not a url", "::::", "127.0.0.1:6443",
                        "http://", "https://:443", "https://x:999999")));
                case 2 -> HostileInputCorpusTest.fifo();
                case 3 -> HostileInputCorpusTest.kubeconfig("junk", junk(10));
                default -> HostileInputCorpusTest.unreachableKubeconfig();
            };
        }
        List<String> args = new ArrayList<>(List.of(pick(List.of("install", "upgrade", "status", "history", "diff")),
                "--kubeconfig", kubeconfig.toString()));
        if (args.get(0).equals("diff")) {
            args.add(1, "upgrade");
        }
        return of("kubeconfig", args);
    }

    private HostileInputCorpusTest.Case clusterNames() {
        String kubeconfig = HostileInputCorpusTest.unreachableKubeconfig().toString();
        String command = pick(List.of("uninstall", "history", "status", "rollback"));
        return random.nextBoolean()
                ? of("cluster-names", List.of(command, badName(), "-n", "motos-app", "--kubeconfig", kubeconfig))
                : of("cluster-names", List.of(command, "motos", "-n", pick(List.of("UPPER", "a b", "x".repeat(70), "-")),
                        "--kubeconfig", kubeconfig));
    }
}
