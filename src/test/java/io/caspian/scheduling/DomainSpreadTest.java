package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainSpreadTest {

    /** Two names that Flink's key hashing puts on the same of two subtasks, found rather than assumed. */
    private static List<String> collidingPair() {
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < 2; i++) {
            String name = "region-" + i;
            if (DomainSpread.subtasks(List.of(name), 2, 128).get(name) == 0) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void twoDomainsOnOneOfTwoSubtasksAreNamedWithARenameThatSpreadsThem() {
        List<String> pair = collidingPair();
        String warning = DomainSpread.warning(List.of(pair.get(0), pair.get(1), Domains.DEFAULT), 2, 128);
        assertThat(warning).contains("share 1 of the 2").contains(pair.get(1) + " → ");
        String renamed = warning.substring(warning.indexOf(pair.get(1) + " → ") + (pair.get(1) + " → ").length()).split(" ")[0];
        Map<String, Integer> after = DomainSpread.subtasks(List.of(pair.get(0), renamed), 2, 128);
        assertThat(after.get(pair.get(0))).isNotEqualTo(after.get(renamed));
        assertThat(DomainSpread.warning(List.of(pair.get(0), renamed, Domains.DEFAULT), 2, 128)).isNull();
    }

    @Test
    void nothingToSayWithOneDomainOrOneSubtask() {
        List<String> pair = collidingPair();
        assertThat(DomainSpread.warning(List.of(pair.get(0), Domains.DEFAULT), 2, 128)).isNull();
        assertThat(DomainSpread.warning(pair, 1, 128)).isNull();
    }
}
