package io.hazardledger.integrity.statement;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.signing.internal.ContentDigest;
import io.hazardledger.signing.internal.SignedActions;
import io.hazardledger.store.internal.LedgerSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables of docs/FORMAT.md sections 12.2 (signed acts: action, command, aggregate, acting person) and 12.3 (the
 * JSON members of each command) against the code: {@link SignedActions} and what {@link ContentDigest} hashes. A new
 * signed act, or a new command member, fails here until the page says it.
 */
class DocSignedActsTest {

    /** A doc row of 12.2. */
    record Act(String action, String command, String aggregateMember, String actorMember) {
    }

    private static Map<String, Act> acts;
    private static Map<String, List<String[]>> members;

    @BeforeAll
    static void readThePage() {
        FormatDoc doc = FormatDoc.load();
        acts = new LinkedHashMap<>();
        for (List<String> row : FormatDoc.tableRows(doc.section("### 12.2"))) {
            Act act = new Act(FormatDoc.code(row.get(0)), FormatDoc.code(row.get(1)), FormatDoc.code(row.get(2)),
                    FormatDoc.code(row.get(3)));
            acts.put(act.command(), act);
        }
        members = new LinkedHashMap<>();
        for (List<String> row : FormatDoc.tableRows(doc.section("### 12.3"))) {
            List<String[]> list = new ArrayList<>();
            // "`name` type …; `name` type …"
            for (String part : row.get(1).split(";")) {
                String p = part.strip();
                String name = FormatDoc.code(p);
                String rest = p.substring(p.indexOf('`', 1) + 1).strip();
                list.add(new String[]{name, rest.split("[ |(]")[0]});
            }
            members.put(FormatDoc.code(row.get(0)), list);
        }
    }

    @Test
    void theSignedActsTable_namesEverySignedActWithItsActionAggregateAndActor() throws Exception {
        Map<Class<?>, SignedActions.Action> code = actions();

        assertThat(acts.keySet()).as("commands in FORMAT.md 12.2")
                .containsExactlyInAnyOrderElementsOf(code.keySet().stream().map(Class::getSimpleName).toList());
        for (Map.Entry<Class<?>, SignedActions.Action> e : code.entrySet()) {
            Act act = acts.get(e.getKey().getSimpleName());
            Object sample = sample(e.getKey());
            assertThat(e.getValue().name()).as("action of %s", act.command()).isEqualTo(act.action());
            assertThat(e.getValue().aggregateId().apply(sample)).as("aggregateId of %s", act.action())
                    .isEqualTo(component(sample, act.aggregateMember()));
            assertThat(e.getValue().actor().apply(sample)).as("acting person of %s", act.action())
                    .isEqualTo(component(sample, act.actorMember()));
        }
    }

    @Test
    void theEventsOfEachAct_areThoseTheVerifierAccepts_noneTwice() {
        String section = FormatDoc.load().section("### 12.2");
        String paragraph = section.substring(section.indexOf("The events each act produces"));
        paragraph = paragraph.substring(paragraph.indexOf(':') + 1, paragraph.indexOf("No act produces")).strip();
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        for (String part : paragraph.split(";")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(part);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            assertThat(names).as(part).hasSizeGreaterThanOrEqualTo(2);
            List<String> events = names.subList(1, names.size());
            assertThat(new java.util.HashSet<>(events)).as("events of %s, none twice", names.get(0)).hasSize(events.size());
            documented.put(names.get(0), Set.copyOf(events));
        }
        List<String> actions = new ArrayList<>(acts.values().stream().map(Act::action).toList());
        actions.addAll(List.of("hazard.escalate", "enterprise.grade"));
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(actions);
        for (String action : actions) {
            assertThat(documented.get(action)).as(action).isEqualTo(SignedActions.eventsOf(action));
        }
    }

    @Test
    void theMembersTable_listsExactlyTheMembersThatAreHashed_sortedAndTyped() throws Exception {
        Map<Class<?>, SignedActions.Action> code = actions();

        assertThat(members.keySet()).as("commands in FORMAT.md 12.3")
                .containsExactlyInAnyOrderElementsOf(code.keySet().stream().map(Class::getSimpleName).toList());
        for (Class<?> type : code.keySet()) {
            List<String[]> documented = members.get(type.getSimpleName());
            List<String> names = documented.stream().map(m -> m[0]).toList();
            JsonNode hashed = LedgerSerializer.objectMapper().readTree(ContentDigest.canonicalJson(sample(type)));
            List<String> hashedNames = new ArrayList<>();
            hashed.fieldNames().forEachRemaining(hashedNames::add);

            assertThat(names).as("%s members, in canonical order", type.getSimpleName()).isEqualTo(hashedNames)
                    .isSorted();
            Map<String, String> typeOf = new TreeMap<>();
            documented.forEach(m -> typeOf.put(m[0], m[1]));
            for (RecordComponent c : type.getRecordComponents()) {
                assertThat(allowed(c.getType())).as("%s.%s documented as '%s'", type.getSimpleName(), c.getName(),
                        typeOf.get(c.getName())).contains(typeOf.get(c.getName()));
            }
        }
    }

    /**
     * 12.3's list of the members each event adds to its command, and step 5 of 12.10 (which leaves them out in Python),
     * against {@link io.hazardledger.signing.internal.SignedContent}: every signed event type is listed once.
     */
    @Test
    void theCommandRebuiltFromItsEntry_leavesOutWhatTheCodeLeavesOut() {
        FormatDoc doc = FormatDoc.load();
        String section = doc.section("### 12.3");
        String list = section.substring(section.indexOf("The members to leave out"));
        list = list.substring(0, list.indexOf("\n\n`KeyRegistered` (of"));
        Map<String, Set<String>> documented = new TreeMap<>();
        for (String item : list.split("\n- ")) {
            if (item.startsWith("The members")) {
                continue;
            }
            int colon = item.indexOf(": ");
            List<String> types = codes(item.substring(0, colon)).stream()
                    .filter(SignedActions.signedEventTypes()::contains).toList();
            String rest = item.substring(colon + 2).strip();
            Set<String> added = rest.startsWith("none") ? Set.of() : Set.copyOf(codes(rest));
            for (String type : types) {
                assertThat(documented.put(type, added)).as("%s listed twice", type).isNull();
            }
        }
        List<String> rebuilt = SignedActions.signedEventTypes().stream()
                .filter(t -> !t.equals("KeyRegistered")).toList();
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(rebuilt);
        documented.forEach((type, added) -> assertThat(added).as(type)
                .isEqualTo(io.hazardledger.signing.internal.SignedContent.added(type)));

        String step5 = FormatDoc.blocks(doc.section("### 12.10"), "sh").get(5);
        Map<String, Set<String>> inPython = new TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\": \\[([^\\]]*)]").matcher(step5);
        while (m.find()) {
            inPython.put(m.group(1), Set.of(m.group(2).replace("\"", "").split(", ")));
        }
        Map<String, Set<String>> nonEmpty = new TreeMap<>(documented);
        nonEmpty.values().removeIf(Set::isEmpty);
        assertThat(inPython).isEqualTo(nonEmpty);
    }

    private static List<String> codes(String text) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The doc's type words that fit a Java type as the ledger's ObjectMapper writes it. */
    private static List<String> allowed(Class<?> type) {
        if (type == String.class) {
            return List.of("id", "text", "string");
        }
        if (type == Instant.class) {
            return List.of("instant");
        }
        if (type == LocalDate.class) {
            return List.of("date");
        }
        if (type == boolean.class || type == Boolean.class) {
            return List.of("boolean");
        }
        if (type.isEnum()) {
            return List.of("enum");
        }
        if (List.class.isAssignableFrom(type)) {
            return List.of("array");
        }
        return List.of("(not a type FORMAT.md 12.3 knows: " + type.getName() + ")");
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<?>, SignedActions.Action> actions() throws Exception {
        Field f = SignedActions.class.getDeclaredField("ACTIONS");
        f.setAccessible(true);
        return (Map<Class<?>, SignedActions.Action>) f.get(null);
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getAccessor().invoke(record);
            }
        }
        throw new AssertionError(record.getClass().getSimpleName() + " has no member " + name);
    }

    private static Object sample(Class<?> type) throws Exception {
        return io.hazardledger.signing.internal.SampleRecords.of(type.asSubclass(Record.class), Map.of());
    }
}
