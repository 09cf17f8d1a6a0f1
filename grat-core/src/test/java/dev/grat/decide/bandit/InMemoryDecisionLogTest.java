package dev.grat.decide.bandit;

/** The in-memory decision log and state store pass the contract every adapter passes. */
class InMemoryDecisionLogTest extends DecisionLogContract {

    @Override
    protected DecisionLog log() {
        return new InMemoryDecisionLog();
    }

    @Override
    protected DecisionStateStore state() {
        return new InMemoryDecisionStateStore();
    }
}
