/** Implementation of the Threads connector; not for use outside this module. */
package dev.chorus.connector.threads.internal;
