package dev.grat.store;

import java.nio.file.Path;

class InMemoryDeadLettersTest extends DeadLetterStoreContract {

    @Override
    protected Store openStore(Path dir) {
        return new InMemoryStore();
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
