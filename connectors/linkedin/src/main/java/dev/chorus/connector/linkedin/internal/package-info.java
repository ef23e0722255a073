/** Implementation of the LinkedIn connector; nothing outside this module may import it. */
package dev.chorus.connector.linkedin.internal;
