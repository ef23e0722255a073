/** Implementation of the analytics module; not an API, nothing outside the module may import it. */
package dev.chorus.analytics.internal;
