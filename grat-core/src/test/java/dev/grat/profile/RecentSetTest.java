package dev.grat.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentSetTest {

    @Test
    void aNewItem_pairsWithEveryItemBeforeIt_andPushesOutTheOldestWhenFull() {
        RecentSet set = new RecentSet(3);
        set.touch(1);
        set.touch(2);
        set.touch(3);

        RecentSet.Change change = set.touch(4);

        assertThat(change.added()).isEqualTo(4);
        assertThat(change.evicted()).isEqualTo(1);
        assertThat(change.partners()).containsExactly(2, 3);
        assertThat(set.items()).containsExactly(2, 3, 4);
    }

    @Test
    void touchingAnItemAgain_movesItToTheEnd_andChangesNoPairs() {
        RecentSet set = new RecentSet(3);
        set.touch(1);
        set.touch(2);
        set.touch(3);

        RecentSet.Change change = set.touch(1);

        assertThat(change.added()).isNull();
        assertThat(change.evicted()).isNull();
        assertThat(change.partners()).isEmpty();
        assertThat(set.items()).containsExactly(2, 3, 1);
        assertThat(set.touch(5).evicted()).as("the oldest is now 2").isEqualTo(2);
    }

    @Test
    void aChange_keepsItsPartnersWhenTheSetMovesOn() {
        RecentSet set = new RecentSet(2);
        set.touch(1);
        RecentSet.Change change = set.touch(2);

        set.touch(3);
        set.touch(4);

        assertThat(change.partners()).containsExactly(1);
    }
}
