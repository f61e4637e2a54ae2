package io.hazardledger.integrity.statement;

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
 * docs/FORMAT.md as the tests read it: a section by its heading, the fenced code blocks in it, and the rows of its
 * tables. The tests take commands and values from the page itself, so that the page cannot drift from the code.
 */
final class FormatDoc {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\n(.*?)^```\\s*$", Pattern.MULTILINE | Pattern.DOTALL);

    private final String text;

    private FormatDoc(String text) {
        this.text = text;
    }

    /** Finds docs/FORMAT.md from the working directory (the module, when Maven runs the tests) upwards. */
    static FormatDoc load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path file = dir.resolve("docs").resolve("FORMAT.md");
            if (Files.isRegularFile(file)) {
                try {
                    return new FormatDoc(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/FORMAT.md not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The section whose heading line starts with {@code heading} (e.g. {@code "### 12.11"}), up to the next heading of
     * the same or a higher level. Headings inside code blocks do not count.
     */
    String section(String heading) {
        int level = heading.indexOf(' ');
        List<String> lines = text.lines().toList();
        StringBuilder out = null;
        boolean inCode = false;
        for (String line : lines) {
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

    /** The body rows of the markdown tables in {@code section}, each as its trimmed cells. */
    static List<List<String>> tableRows(String section) {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = section.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean header = i + 1 < lines.size() && lines.get(i + 1).matches("\\|[-| ]+\\|");
            if (line.startsWith("|") && !header && !line.matches("\\|[-| ]+\\|")) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    /** Splits a table row on the '|' that are not escaped as '\|'. */
    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char ch = row.charAt(i);
            if (ch == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (ch == '|') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        return out;
    }

    /** The text between the first pair of backticks in {@code cell}. */
    static String code(String cell) {
        int a = cell.indexOf('`');
        int b = cell.indexOf('`', a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalStateException("no `code` in table cell '" + cell + "'");
        }
        return cell.substring(a + 1, b);
    }
}
