/**
 * The storage SPI: {@link dev.chorus.store.ChorusStore} keeps workspaces, accounts, posts,
 * campaigns, audiences and the audit trail. The default is in memory ({@link
 * dev.chorus.store.ChorusStore#inMemory()}), {@link dev.chorus.store.ChorusStore#jdbc(javax.sql.DataSource)}
 * keeps it in PostgreSQL or an H2 file, and a host may implement the interface over its own
 * database. Non-null by default.
 */
package dev.chorus.store;
