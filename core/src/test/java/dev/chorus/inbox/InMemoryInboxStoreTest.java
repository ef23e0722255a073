package dev.chorus.inbox;

/** The inbox store contract on the in-memory store. */
class InMemoryInboxStoreTest extends InboxStoreContract {

  @Override
  InboxStore newStore() {
    return InboxStore.inMemory();
  }
}
