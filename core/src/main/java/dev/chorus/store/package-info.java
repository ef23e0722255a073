/**
 * The storage SPI: {@link dev.chorus.store.ChorusStore} keeps workspaces, accounts, posts,
 * campaigns, audiences and the audit trail. The default is in memory ({@link
 * dev.chorus.store.ChorusStore#inMemory()}); a host implements the interface over its own
 * database. Non-null by default.
 */
package dev.chorus.store;
