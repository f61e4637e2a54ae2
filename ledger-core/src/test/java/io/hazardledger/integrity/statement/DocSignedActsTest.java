package io.hazardledger.integrity.statement;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.signing.internal.ContentDigest;
import io.hazardledger.signing.internal.SignedActions;
import io.hazardledger.store.internal.LedgerSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
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

    /**
     * A valid command of {@code type} whose string members all differ ({@code v-<name>}), so that which member an
     * action reads can be told from its value.
     */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String name = components[i].getName();
            types[i] = t;
            if (t == String.class) {
                args[i] = switch (name) {
                    case "publicKey", "newPublicKey" -> "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
                    case "funding" -> "1200.00";
                    default -> "v-" + name;
                };
            } else if (t == Instant.class) {
                args[i] = Instant.parse("2026-11-29T08:31:12.500Z");
            } else if (t == LocalDate.class) {
                args[i] = LocalDate.parse("2026-12-15");
            } else if (t == boolean.class) {
                args[i] = true;
            } else if (t.isEnum()) {
                args[i] = t.getEnumConstants()[0];
            } else if (List.class.isAssignableFrom(t)) {
                args[i] = List.of();
            } else {
                throw new AssertionError("no sample value for " + type.getSimpleName() + "." + name + " (" + t + ")");
            }
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }
}
