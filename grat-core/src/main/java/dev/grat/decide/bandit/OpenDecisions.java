package dev.grat.decide.bandit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Decisions whose attribution window is open: their outcome so far, by id and by visitor, and the order in
 * which their windows close.
 */
final class OpenDecisions {

    private final Map<String, Open> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byVisitor = new ConcurrentHashMap<>();
    private final ArrayDeque<Open> closing = new ArrayDeque<>();

    /** One open decision; its outcome changes under its own monitor. */
    static final class Open {
        private final DecisionRecord record;
        private final Instant closesAt;
        private Outcome outcome;
        private boolean closed;

        Open(DecisionRecord record, Instant closesAt) {
            this.record = record;
            this.closesAt = closesAt;
            this.outcome = record.outcome();
        }

        DecisionRecord record() {
            return record;
        }

        Instant closesAt() {
            return closesAt;
        }

        /** Applies a change unless the window closed meanwhile; returns the new outcome, or null when closed. */
        synchronized Outcome update(UnaryOperator<Outcome> change) {
            if (closed) {
                return null;
            }
            outcome = change.apply(outcome);
            return outcome;
        }

        synchronized Outcome close(Instant at) {
            closed = true;
            outcome = outcome.settledAt(at);
            return outcome;
        }
    }

    void add(DecisionRecord record, Instant closesAt) {
        Open open = new Open(record, closesAt);
        byId.put(record.id(), open);
        if (record.visitorId() != null) {
            byVisitor.computeIfAbsent(record.visitorId(), v -> ConcurrentHashMap.newKeySet()).add(record.id());
        }
        synchronized (closing) {
            closing.addLast(open);
        }
    }

    Open get(String decisionId) {
        return byId.get(decisionId);
    }

    /** The visitor's open decisions. */
    List<Open> ofVisitor(String visitorId) {
        Set<String> ids = byVisitor.get(visitorId);
        List<Open> found = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                Open open = byId.get(id);
                if (open != null) {
                    found.add(open);
                }
            }
        }
        return found;
    }

    /** Takes out every decision whose window has closed by {@code now}, in closing order. */
    List<Open> takeDue(Instant now) {
        List<Open> due = new ArrayList<>();
        synchronized (closing) {
            while (!closing.isEmpty() && !closing.peekFirst().closesAt().isAfter(now)) {
                Open open = closing.pollFirst();
                if (byId.remove(open.record().id()) != null) {
                    forgetVisitorLink(open.record());
                    due.add(open);
                }
            }
        }
        return due;
    }

    /** Forgets a decision (erasure); it will not be settled. */
    void remove(String decisionId) {
        Open open = byId.remove(decisionId);
        if (open != null) {
            forgetVisitorLink(open.record());
        }
    }

    int size() {
        return byId.size();
    }

    private void forgetVisitorLink(DecisionRecord record) {
        if (record.visitorId() != null) {
            byVisitor.computeIfPresent(record.visitorId(), (v, ids) -> {
                ids.remove(record.id());
                return ids.isEmpty() ? null : ids;
            });
        }
    }
}
