/** Implementation of the inbox: the in-memory and JDBC stores, threading, rules, lexicon sentiment. Not API. */
package dev.chorus.inbox.internal;
