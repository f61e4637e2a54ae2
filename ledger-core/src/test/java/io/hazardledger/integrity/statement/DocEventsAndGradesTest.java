package io.hazardledger.integrity.statement;

import io.hazardledger.directory.EnterpriseSize;
import io.hazardledger.store.internal.EventTypes;
import io.hazardledger.supervision.GradeFactor;
import io.hazardledger.supervision.GradingRules;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/FORMAT.md against the code: section 8's two tables name every stored event type (and only those), and section
 * 19 lists the grade factors in their order with the default weights and thresholds of {@link GradingRules}. A new
 * event, factor or default fails here until the page says it.
 */
class DocEventsAndGradesTest {

    @Test
    void section8_namesEveryEventType_inBothTables() throws Exception {
        Field all = EventTypes.class.getDeclaredField("ALL");
        all.setAccessible(true);
        List<String> code = ((List<?>) all.get(null)).stream().map(c -> EventTypes.nameOf((Class<?>) c)).toList();
        String section = FormatDoc.load().section("## 8.");
        List<String> documented = FormatDoc.tableRows(section).stream().map(r -> FormatDoc.code(r.get(0))).toList();
        List<String> meanings = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (String name : documented) {
            (meanings.contains(name) ? payloads : meanings).add(name);
        }
        assertThat(meanings).as("the table of event types").containsExactlyInAnyOrderElementsOf(code);
        assertThat(payloads).as("the table of payloads").containsExactlyInAnyOrderElementsOf(code);
        assertThat(section).contains("one of these " + WORDS.get(code.size()) + " stable names");
    }

    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five",
            "twenty-six", "twenty-seven", "twenty-eight", "twenty-nine", "thirty");

    @Test
    void section19_listsTheFactorsInOrder_withTheDefaultWeightsAndThresholds() {
        String section = FormatDoc.load().section("## 19.");
        List<List<String>> rows = FormatDoc.tableRows(section);
        assertThat(rows.stream().map(r -> FormatDoc.code(r.get(0))).toList())
                .containsExactly(java.util.Arrays.stream(GradeFactor.Factor.values()).map(Enum::name).toArray(String[]::new));
        GradingRules d = GradingRules.defaults();
        assertThat(rows.get(0).get(3)).isEqualTo(String.valueOf(d.highRisk()));
        assertThat(rows.get(1).get(3)).startsWith("`LARGE` " + d.sizes().get(EnterpriseSize.LARGE) + ", `MEDIUM` "
                + d.sizes().get(EnterpriseSize.MEDIUM) + ", `SMALL` " + d.sizes().get(EnterpriseSize.SMALL)
                + ", `MICRO` " + d.sizes().get(EnterpriseSize.MICRO) + " ");
        assertThat(d.sectors()).isEmpty();
        assertThat(rows.get(2).get(3)).contains("none by default");
        assertThat(rows.get(3).get(3)).isEqualTo(String.valueOf(d.openMajorHazard()));
        assertThat(rows.get(4).get(3)).isEqualTo(String.valueOf(d.overdueRectification()));
        assertThat(rows.get(5).get(3)).isEqualTo(String.valueOf(d.openFlag()));
        assertThat(rows.get(6).get(3)).isEqualTo(String.valueOf(d.cadenceBehind()));
        Matcher m = Pattern.compile("Default thresholds: `b` (\\d+), `c` (\\d+), `d` (\\d+)\\.").matcher(section);
        assertThat(m.find()).as("the default thresholds are stated").isTrue();
        assertThat(List.of(m.group(1), m.group(2), m.group(3))).containsExactly(String.valueOf(d.thresholds().b()),
                String.valueOf(d.thresholds().c()), String.valueOf(d.thresholds().d()));
    }
}
