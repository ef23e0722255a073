/** Implementation of the Pinterest connector; not for use outside this module. */
package dev.chorus.connector.pinterest.internal;
