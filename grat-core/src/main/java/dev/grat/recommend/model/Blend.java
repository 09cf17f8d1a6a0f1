package dev.grat.recommend.model;

import java.util.List;

/**
 * Several recommenders over the same items as one: each member's scores are scaled into [0, 1] (by its best
 * score for the request) and summed with the member's weight. A visitor with an empty history gets the
 * cold-start recommender alone (popularity, typically), since personal models have nothing to go on.
 */
public final class Blend implements Recommender {

    private final List<Member> members;
    private final Recommender coldStart;
    private final IdIndex items;

    /** One blended recommender and its weight (positive). */
    public record Member(Recommender recommender, double weight) {
        public Member {
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be positive and finite, was " + weight);
            }
        }
    }

    public Blend(List<Member> members, Recommender coldStart) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must not be empty");
        }
        this.items = coldStart.items();
        for (Member member : members) {
            if (!member.recommender().items().equals(items)) {
                throw new IllegalArgumentException("every member must score the same items as the cold-start"
                        + " recommender (train them on the same interactions)");
            }
        }
        this.members = List.copyOf(members);
        this.coldStart = coldStart;
    }

    @Override
    public IdIndex items() {
        return items;
    }

    @Override
    public float[] scores(UserHistory history) {
        if (history.isEmpty()) {
            return coldStart.scores(history);
        }
        float[] blended = new float[items.size()];
        for (Member member : members) {
            addScaled(member.recommender().scores(history), member.weight(), blended);
        }
        return blended;
    }

    @Override
    public float[] similarTo(int item) {
        float[] blended = new float[items.size()];
        for (Member member : members) {
            addScaled(member.recommender().similarTo(item), member.weight(), blended);
        }
        return blended;
    }

    private static void addScaled(float[] scores, double weight, float[] into) {
        float best = 0;
        for (float score : scores) {
            best = Math.max(best, score);
        }
        if (best <= 0) {
            return;
        }
        float scale = (float) (weight / best);
        for (int i = 0; i < scores.length; i++) {
            into[i] += Math.max(0, scores[i]) * scale;
        }
    }
}
