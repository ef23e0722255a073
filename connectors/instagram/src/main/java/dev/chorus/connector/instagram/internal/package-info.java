/** Implementation of the Instagram connector; not for use outside this module. */
package dev.chorus.connector.instagram.internal;
