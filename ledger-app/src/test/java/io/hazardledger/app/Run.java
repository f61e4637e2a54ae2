package io.hazardledger.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line in this JVM: its exit status and what it wrote. */
record Run(int code, String out, String err) {

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Signs a write as a user does: the body written to a file in {@code dir}, {@code sign} run with the key file
     * {@code dir/key} against the server; returns the signed body (the command must succeed).
     */
    static String sign(java.nio.file.Path dir, String server, String key, String action, String aggregate, String body)
            throws java.io.IOException {
        java.nio.file.Path request = java.nio.file.Files.createTempFile(dir, "request", ".json");
        java.nio.file.Files.writeString(request, body);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sign", "--key",
                dir.resolve(key).toString(), "--action", action, "--server", server));
        if (aggregate != null) {
            args.addAll(java.util.List.of("--aggregate", aggregate));
        }
        args.add(request.toString());
        Run r = cli(args.toArray(String[]::new));
        org.assertj.core.api.Assertions.assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }
}
