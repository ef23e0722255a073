/** Implementation of the inbox: the in-memory store, threading, rules, lexicon sentiment. Not API. */
package dev.chorus.inbox.internal;
