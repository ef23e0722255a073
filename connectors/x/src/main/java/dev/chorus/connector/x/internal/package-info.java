/** Implementation of the X connector; not for use outside this module. */
package dev.chorus.connector.x.internal;
