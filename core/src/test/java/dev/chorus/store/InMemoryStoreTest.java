package dev.chorus.store;

/** The store contract on the in-memory store. */
class InMemoryStoreTest extends ChorusStoreContract {

  @Override
  ChorusStore newStore() {
    return ChorusStore.inMemory();
  }
}
