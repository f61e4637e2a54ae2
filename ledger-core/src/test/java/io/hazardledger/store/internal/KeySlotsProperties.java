package io.hazardledger.store.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay's sets of ids number each id as a map from the id to the count of ids before it would: through the table's
 * growth, with ids of any characters and length, and with ids made to share one hash (kept aside once their probe is
 * full).
 */
class KeySlotsProperties {

    @Provide
    Arbitrary<List<String>> ids() {
        // few distinct ids among many, so that most are added again; the empty id, any character, and ids longer
        // than the characters' array has room for included
        Arbitrary<String> id = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(4)),
                net.jqwik.api.Tuple.of(10, Arbitraries.strings().all().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0, 5_000).map(i -> "hz-" + i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMinLength(200).ofMaxLength(3_000)));
        return id.list().ofMaxSize(3_000);
    }

    @Property(tries = 300)
    void numbersEachIdAsAMapWould(@ForAll("ids") List<String> ids) {
        checkAgainstAMap(ids);
    }

    /** 2^k ids of one hash: "Aa" and "BB" have the same String hash, and so has any string of k such pairs. */
    @Example
    void idsMadeToShareAHash_areKeptAside_andStillFoundExactly() {
        List<String> colliding = new ArrayList<>();
        for (int bits = 0; bits < 1 << 10; bits++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 10; k++) {
                id.append((bits >> k & 1) == 0 ? "Aa" : "BB");
            }
            colliding.add(id.toString());
        }
        assertThat(colliding.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < colliding.size(); i++) {
            ids.add(colliding.get(i));
            ids.add("hz-" + i);               // ordinary ids between them, through the table's growth
            ids.add(colliding.get(i / 2));    // and ids added again
        }
        checkAgainstAMap(ids);
        KeySlots slots = new KeySlots();
        ids.forEach(slots::add);
        assertThat(slots.keptAside()).as("all but at most a probe's length of them aside (ordinary ids may be too)")
                .isBetween(colliding.size() - KeySlots.PROBES, ids.size());
        assertThat(slots.find("AaAaAaAaAaAaAaAaAaAa" + "Aa")).as("one pair more: another id").isEqualTo(-1);
        assertThat(slots.find("AaAaAaAaAaAaAaAaAaBB")).isEqualTo(slots.add("AaAaAaAaAaAaAaAaAaBB"));
    }

    @Example
    void anIdNumberedNowhere_isRefused() {
        KeySlots slots = new KeySlots();
        slots.add("hz-1");
        assertThat(slots.id(0)).isEqualTo("hz-1");
        assertThatThrownBy(() -> slots.id(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("no id numbered 1 among 1");
        assertThatThrownBy(() -> slots.id(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void checkAgainstAMap(List<String> ids) {
        KeySlots slots = new KeySlots();
        Map<String, Integer> reference = new HashMap<>();
        for (String id : ids) {
            Integer expected = reference.get(id);
            assertThat(slots.find(id)).as("find %s before adding it", id).isEqualTo(expected == null ? -1 : expected);
            int n = slots.add(id);
            if (expected == null) {
                expected = reference.size();
                reference.put(id, expected);
            }
            assertThat(n).as("add %s", id).isEqualTo(expected);
            assertThat(slots.size()).isEqualTo(reference.size());
        }
        reference.forEach((id, n) -> {
            assertThat(slots.find(id)).as("find %s at the end", id).isEqualTo(n);
            assertThat(slots.id(n)).isEqualTo(id);
        });
    }
}
