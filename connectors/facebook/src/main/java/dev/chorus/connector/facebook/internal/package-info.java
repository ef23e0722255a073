/** Implementation of the Facebook Pages connector; not for use outside this module. */
package dev.chorus.connector.facebook.internal;
