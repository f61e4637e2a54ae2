package io.hazardledger.integrity.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/FORMAT.md as the tests of sections 13 and 14 read it: a section by its heading and the fenced code blocks in
 * it, so that the values and commands the page shows are the ones the code gives and that work.
 */
final class NoteFormatDoc {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\n(.*?)^```\\s*$", Pattern.MULTILINE | Pattern.DOTALL);

    private final String text;

    private NoteFormatDoc(String text) {
        this.text = text;
    }

    /** Finds docs/FORMAT.md from the working directory (the module, when Maven runs the tests) upwards. */
    static NoteFormatDoc load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve("docs").resolve("FORMAT.md");
            if (Files.isRegularFile(file)) {
                try {
                    return new NoteFormatDoc(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/FORMAT.md not found above " + Path.of("").toAbsolutePath());
    }

    String text() {
        return text;
    }

    /**
     * The section whose heading line starts with {@code heading} (e.g. {@code "### 14.7"}), up to the next heading of
     * the same or a higher level. Headings inside code blocks do not count.
     */
    String section(String heading) {
        int level = heading.indexOf(' ');
        StringBuilder out = null;
        boolean inCode = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode && line.startsWith("#")) {
                int l = line.indexOf(' ');
                if (out != null && l > 0 && l <= level && line.substring(0, l).chars().allMatch(c -> c == '#')) {
                    return out.toString();
                }
                if (out == null && line.startsWith(heading)) {
                    out = new StringBuilder();
                }
            }
            if (out != null) {
                out.append(line).append('\n');
            }
        }
        if (out == null) {
            throw new IllegalStateException("docs/FORMAT.md has no heading starting with '" + heading + "'");
        }
        return out.toString();
    }

    /** The fenced code blocks of {@code section} in the language {@code lang} ("" for unmarked fences). */
    static List<String> blocks(String section, String lang) {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(section);
        while (m.find()) {
            if (m.group(1).equals(lang)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The one fenced block of {@code lang} in {@code section}. */
    static String block(String section, String lang) {
        List<String> all = blocks(section, lang);
        if (all.size() != 1) {
            throw new IllegalStateException("expected one ```" + lang + " block, found " + all.size() + " in:\n"
                    + section.lines().findFirst().orElse(""));
        }
        return all.get(0);
    }
}
